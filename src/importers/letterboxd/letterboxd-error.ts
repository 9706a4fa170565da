// A Letterboxd export that cannot be imported at all (not a zip, no Letterboxd files): the
// message is shown to the reviewer as it is, so it says what to do.
export class LetterboxdError extends Error {}
