import { Transform } from "node:stream";

import { StorageTooLargeError } from "./storage";

/** Passes chunks through while counting them, and fails with StorageTooLargeError at the first byte past `maxBytes`. */
export class ByteLimit extends Transform {
  bytes = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null, data?: Buffer) => void): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) callback(new StorageTooLargeError(this.maxBytes));
    else callback(null, chunk);
  }
}
