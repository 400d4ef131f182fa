/** Where an upload's bytes go: the app's own upload route, or a presigned S3 URL. */
export interface UploadTarget {
  url: string;
  method: "PUT";
  headers: Record<string, string>;
}

/** The upload was refused (`status`: 413 when too large), or never reached the server (status 0). */
export class UploadFailed extends Error {
  constructor(readonly status: number) {
    super(`upload failed with status ${status}`);
  }
}

/**
 * PUTs `file` to `target`, reporting the bytes sent. XMLHttpRequest, not fetch: only it reports an
 * upload's progress. Aborting `signal` cancels it (the promise then rejects with the signal's reason).
 */
export function putFile(target: UploadTarget, file: Blob, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const request = new XMLHttpRequest();
    request.open(target.method, target.url);
    for (const [name, value] of Object.entries(target.headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () => (request.status >= 200 && request.status < 300 ? resolve() : reject(new UploadFailed(request.status)));
    request.onerror = () => reject(new UploadFailed(0));
    const abort = () => {
      request.abort();
      reject(signal.reason);
    };
    signal.addEventListener("abort", abort, { once: true });
    request.onloadend = () => signal.removeEventListener("abort", abort);
    request.send(file);
  });
}
