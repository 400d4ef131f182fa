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
 * `encode`, remembered for the last key: a broadcast hands the same signal to every receiver on
 * the instance one after the other, so what they all write is encoded once. The key must decide
 * the bytes: the signal itself when the item follows from it alone.
 */
export function rememberLast<T>(encode: (value: T) => string, keyOf: (value: T) => unknown = (value) => value): (value: T) => string {
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
