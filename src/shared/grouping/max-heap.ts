/** A binary max-heap on a numeric key. */
export class MaxHeap<T> {
  private readonly keys: number[] = [];
  private readonly values: T[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(key: number, value: T): void {
    this.keys.push(key);
    this.values.push(value);
    let i = this.keys.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.keys[parent] as number) >= key) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): { key: number; value: T } | undefined {
    if (this.keys.length === 0) return undefined;
    const top = { key: this.keys[0] as number, value: this.values[0] as T };
    const lastKey = this.keys.pop() as number;
    const lastValue = this.values.pop() as T;
    if (this.keys.length > 0) {
      this.keys[0] = lastKey;
      this.values[0] = lastValue;
      this.siftDown(0);
    }
    return top;
  }

  private siftDown(start: number): void {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < this.keys.length && (this.keys[left] as number) > (this.keys[largest] as number))
        largest = left;
      if (right < this.keys.length && (this.keys[right] as number) > (this.keys[largest] as number))
        largest = right;
      if (largest === i) return;
      this.swap(i, largest);
      i = largest;
    }
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b] as number, this.keys[a] as number];
    [this.values[a], this.values[b]] = [this.values[b] as T, this.values[a] as T];
  }
}
