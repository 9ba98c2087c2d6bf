import { Body, Controller, Delete, Get, HttpCode, Logger, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { decodeOffsetCursor, offsetPage, PageQueryDto } from '../common/pagination.js';
import { SseStream } from '../common/sse.js';
import { toHttpError } from '../common/http-error.filter.js';
import { ChatService, ReplyOutcome, ReplySink } from './chat.service.js';
import { ConversationsService } from './conversations.service.js';
import { conversationView, messageView } from './dto/chat.view.js';
import { CreateConversationDto, GenerationOptionsDto, PostMessageDto, RenameConversationDto } from './dto/conversation.dto.js';

const uuid = new ParseUUIDPipe();

@ApiTags('chat')
@Controller('conversations')
@Roles('user')
export class ConversationsController {
  private readonly logger = new Logger(ConversationsController.name);

  constructor(
    private readonly conversations: ConversationsService,
    private readonly chat: ChatService,
  ) {}

  @Post()
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateConversationDto) {
    return conversationView(await this.conversations.create(principal.userId, body.title, body.systemPrompt));
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto) {
    const offset = decodeOffsetCursor(query.cursor);
    const [rows, total] = await this.conversations.list(principal.userId, query.limit, offset);
    return offsetPage(rows.map(conversationView), offset, total);
  }

  @Get(':id')
  async read(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    const conversation = await this.conversations.get(principal.userId, id);
    const messages = await this.conversations.messages(id);
    return { ...conversationView(conversation), messages: messages.map(messageView) };
  }

  @Patch(':id')
  async rename(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() body: RenameConversationDto) {
    return conversationView(await this.conversations.rename(principal.userId, id, body.title));
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    await this.conversations.delete(principal.userId, id);
  }

  /** JSON by default; with `stream: true`, server-sent events `message`, `delta`…, then `done` (or `error`). */
  @Post(':id/messages')
  async post(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: PostMessageDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.respond(body, res, (sink, disconnect) => this.chat.send(principal, id, body, sink, disconnect));
  }

  @Post(':id/messages/:messageId/regenerate')
  async regenerate(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Param('messageId', uuid) messageId: string,
    @Body() body: GenerationOptionsDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.respond(body, res, (sink, disconnect) => this.chat.regenerate(principal, id, messageId, body.sampling, sink, disconnect));
  }

  @Post(':id/messages/:messageId/stop')
  @HttpCode(200)
  stop(@CurrentPrincipal() principal: Principal, @Param('messageId', uuid) messageId: string) {
    return { stopped: this.chat.stop(principal, messageId) };
  }

  private async respond(
    options: GenerationOptionsDto,
    res: Response,
    run: (sink: ReplySink, disconnect?: AbortSignal) => Promise<ReplyOutcome>,
  ) {
    const outcome = (o: ReplyOutcome) => ({
      userMessage: o.userMessage ? messageView(o.userMessage) : null,
      assistantMessage: o.assistantMessage ? messageView(o.assistantMessage) : null,
    });
    if (!options.stream) {
      return outcome(await run({ begin: () => undefined, delta: () => undefined }));
    }
    const sse = new SseStream(res);
    try {
      const result = await run(
        {
          begin: (userMessage, assistant) =>
            sse.send({ userMessage: userMessage && messageView(userMessage), assistantMessage: assistant && messageView(assistant) }, 'message'),
          delta: (text) => sse.send({ text }, 'delta'),
        },
        sse.disconnected,
      );
      sse.send(outcome(result), 'done');
    } catch (error) {
      if (!sse.isOpen) throw error; // nothing sent yet: the usual JSON error response
      sse.send(toHttpError(error, this.logger), 'error');
    }
    sse.end();
  }
}
