//! Electronic votes on the floor of a congress (issue 16 §5): named votes
//! (biểu quyết) and, where a committee chooses them, secret electronic
//! ballots for an opinion ballot.
