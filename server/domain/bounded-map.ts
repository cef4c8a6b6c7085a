/** A Map that holds at most `max` entries: adding one more drops the oldest (the first inserted). */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly #max: number;

  constructor(max: number) {
    super();
    this.#max = max;
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.#max) this.delete(this.keys().next().value!);
    return super.set(key, value);
  }
}
