/** `{ [key]: value }`, or nothing when the value is absent (undefined, or null from a document). */
export function optional<K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> {
  return value == null ? {} : ({ [key]: value } as Record<K, V>);
}
