/** The outcome of normalising a typed identifier: the canonical value, or why it was rejected. */
export type Normalised = { ok: true; value: string } | { ok: false; error: string };

export function accepted(value: string): Normalised {
  return { ok: true, value };
}

export function rejected(error: string): Normalised {
  return { ok: false, error };
}

/** The canonical values of those inputs that normalise, without duplicates, in input order. */
export function acceptedValues<Input>(inputs: readonly Input[] | undefined, normalise: (raw: Input) => Normalised): string[] {
  const values = new Set<string>();
  for (const raw of inputs ?? []) {
    const result = normalise(raw);
    if (result.ok) values.add(result.value);
  }
  return [...values];
}
