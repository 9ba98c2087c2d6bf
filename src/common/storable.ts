/** PostgreSQL text cannot hold U+0000, which a model can emit (byte 0) and a client can send. */
export const storable = (text: string) => text.replaceAll('\u0000', '');
