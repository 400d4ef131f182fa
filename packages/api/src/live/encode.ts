import superjson from "superjson";

/*
 * The JSON of a subscription frame's `result`, byte for byte as tRPC's ws adapter writes it with
 * the router's transformer (superjson); the transport wraps it in the subscription's envelope.
 */

/** For `tracked(id, data)`: `{"type":"data","data":<serialized {id, data}>,"id":<id>}`. */
export function encodeTrackedResult(id: string, data: unknown): string {
  return JSON.stringify({ type: "data", data: superjson.serialize({ id, data }), id });
}

/** For any other item: `{"type":"data","data":<serialized item>}`. */
export function encodeDataResult(data: unknown): string {
  return JSON.stringify({ type: "data", data: superjson.serialize(data) });
}

/**
 * `encode`, remembered for each value while it lives: a broadcast hands the same signal object to
 * every receiver on the instance, and a stream that drains events which arrived out of order
 * writes several in turn, so each is encoded once however the receivers interleave them.
 */
export function encodeOncePer<T extends object>(encode: (value: T) => string): (value: T) => string {
  const encoded = new WeakMap<T, string>();
  return (value) => {
    let json = encoded.get(value);
    if (json === undefined) encoded.set(value, (json = encode(value)));
    return json;
  };
}

/**
 * `encode`, remembered for the last key: for items each receiver builds from its own state
 * (typing's list), which the receivers of one signal build alike one after the other. The key
 * must decide the bytes.
 */
export function rememberLast<T>(encode: (value: T) => string, keyOf: (value: T) => unknown): (value: T) => string {
  let lastKey: unknown;
  let encoded: string | undefined;
  return (value) => {
    const key = keyOf(value);
    if (encoded === undefined || key !== lastKey) {
      encoded = encode(value);
      lastKey = key;
    }
    return encoded;
  };
}
