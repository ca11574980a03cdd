-- wrk script: sends the session cookie given in the DAIHOI_COOKIE environment variable.
wrk.headers["Cookie"] = os.getenv("DAIHOI_COOKIE")
