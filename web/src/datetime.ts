/** Now, in the local time zone, to the second: the value of a `datetime-local` field (step 1). */
export function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 19);
}

/**
 * The instant to send for a `datetime-local` field that defaulted to `initial` ("now" when the form
 * was shown). Left at its default, it is the moment of sending, to the millisecond: a decision
 * taken earlier in the same second must not make it "before the decision".
 */
export function instantToSend(value: string, initial: string): string {
  return value === initial ? new Date().toISOString() : new Date(value).toISOString();
}
