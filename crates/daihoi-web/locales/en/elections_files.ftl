# An election's documents and files (elections/files.rs).
election-files-title = Minutes and files
election-files-minutes-pdf = Counting minutes (PDF)
election-files-minutes-docx = Counting minutes (Word)
election-files-hint = The minutes hold every counted round, decision and ruling, in Vietnamese, in the layout of Party documents. The command daihoi tally counts ELECTION.toml and the rounds’ ballots files again to the same result.
election-files-ballots-csv = Ballots file (CSV)
election-files-not-counted = No count of this election (or of this round) is closed yet.
election-ballots-print = Print the ballots
election-ballots-per-page-label = Ballots per A4 page
election-ballots-copies-label = How many
election-ballots-per-page = Ballots per page: 1, 2 or 4.
election-ballots-copies = The number of ballots to print: from 1 to 5,000.
election-ballots-too-many-names = The names do not fit on a ballot at this size: print fewer ballots per page.
election-ballots-file = Ballots counted elsewhere (file)
election-ballots-file-record = Record the file
election-ballots-file-hint = A .csv or a sheet in the format of daihoi tally: the ballot number, one column per name in ballot order, the flags. Every ballot is checked; one refused and nothing is recorded. Only into a round where no ballot is entered yet.
election-ballots-file-none = Choose the ballots file.
election-ballots-file-broken = The upload could not be read; send the form again.
election-ballots-file-refused = The file is refused, nothing was recorded: { $problem }
audit-action-election_ballots_recorded = Ballots recorded from a file

# R-LIST-6: the opinion ballot on the people added at the congress (elections/pages.rs).
election-opinion = Opinion ballot (R-LIST-6): votes
election-opinion-record = Record
election-opinion-votes = Opinion ballot: { $votes } votes
election-opinion-dropped = Opinion ballot: { $votes } votes, off the list (R-LIST-6)
election-problem-opinion = The opinion ballot's votes: a whole number.
audit-action-election_opinion = Opinion ballot on the people added
