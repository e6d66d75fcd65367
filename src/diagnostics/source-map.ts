/** Maps character offsets to 1-based line and column; computed only when printing. */
export interface Position {
  line: number;
  column: number;
}

export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  position(offset: number): Position {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  }

  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, '');
  }
}

/** The texts of the files diagnostics point into, by file name. */
export class SourceSet {
  private readonly texts = new Map<string, string>();
  private readonly indexes = new Map<string, LineIndex>();

  add(file: string, text: string): void {
    this.texts.set(file, text);
    this.indexes.delete(file);
  }

  has(file: string): boolean {
    return this.texts.has(file);
  }

  /** Adds every file of `other` this set does not hold yet. */
  merge(other: SourceSet): void {
    for (const [file, text] of other.texts) if (!this.texts.has(file)) this.add(file, text);
  }

  index(file: string): LineIndex | undefined {
    let index = this.indexes.get(file);
    if (!index) {
      const text = this.texts.get(file);
      if (text === undefined) return undefined;
      index = new LineIndex(text);
      this.indexes.set(file, index);
    }
    return index;
  }

  position(file: string, offset: number): Position | undefined {
    return this.index(file)?.position(offset);
  }
}
