/** The content filter's categories (OpenAI's moderation categories), from the server's own list. */
export { MODERATION_CATEGORIES, type ModerationCategory } from '../../../src/ml/classifier/categories.js';
