import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Conversation } from './conversation.entity.js';

export const MESSAGE_ROLES = ['system', 'user', 'assistant'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];
/** `blocked`: a user message the filter kept from the model; `withheld`: a reply the filter blocked. */
export type MessageStatus = 'complete' | 'streaming' | 'stopped' | 'failed' | 'blocked' | 'withheld';

/** A node of the conversation tree: regenerated replies are siblings under the same parent. */
@Entity('messages')
@Index('messages_conversation_created_idx', ['conversationId', 'createdAt'])
export class Message {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: Conversation;

  @Index('messages_parent_idx')
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'varchar', length: 16 })
  role: MessageRole;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'varchar', length: 16, default: 'complete' })
  status: MessageStatus;

  /** Assistant messages: which model wrote it, how, and at what cost. */
  @Column({ name: 'model_version_id', type: 'uuid', nullable: true })
  modelVersionId: string | null;

  @Column({ name: 'model_name', type: 'varchar', length: 200, nullable: true })
  modelName: string | null;

  @Column({ type: 'jsonb', nullable: true })
  sampling: Record<string, unknown> | null;

  @Column({ name: 'prompt_tokens', type: 'int', nullable: true })
  promptTokens: number | null;

  @Column({ name: 'completion_tokens', type: 'int', nullable: true })
  completionTokens: number | null;

  @Column({ name: 'latency_ms', type: 'int', nullable: true })
  latencyMs: number | null;

  @Column({ name: 'finish_reason', type: 'varchar', length: 16, nullable: true })
  finishReason: string | null;

  /** Oldest messages left out of the prompt so it fit the model's context. */
  @Column({ name: 'dropped_messages', type: 'int', default: 0 })
  droppedMessages: number;

  /** The content filter's verdict on this text (details in moderation_decisions). */
  @Column({ name: 'moderation_action', type: 'varchar', length: 8, nullable: true })
  moderationAction: 'allow' | 'warn' | 'block' | null;

  @Column({ name: 'moderation_categories', type: 'text', array: true, nullable: true })
  moderationCategories: string[] | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 6 })
  createdAt: Date;
}
