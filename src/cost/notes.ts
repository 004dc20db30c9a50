/** A cost line's notes, in order, joined as the reports show them (`a; b`); undefined when none. */
export function joinNotes(...notes: (string | undefined)[]): string | undefined {
  const given = notes.filter((note): note is string => Boolean(note));
  return given.length > 0 ? given.join('; ') : undefined;
}
