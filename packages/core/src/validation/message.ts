/** An issue message: fixed, or built from the rejected value. */
export type Message<T = unknown> = string | ((value: T) => string);

/** The text of `message` for `value`. */
export function messageOf<T>(message: Message<T>, value: T): string {
  return typeof message === "function" ? message(value) : message;
}
