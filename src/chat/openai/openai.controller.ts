import { Body, Controller, Get, HttpCode, Logger, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../../auth/decorators.js';
import type { Principal } from '../../auth/principal.js';
import { toHttpError, toOpenAiError } from '../../common/http-error.filter.js';
import { ApiRateLimit } from '../../common/rate-limit.guard.js';
import { SseStream } from '../../common/sse.js';
import { ChatCompletionRequestDto } from './chat-completion.dto.js';
import { OpenAiService } from './openai.service.js';

/** OpenAI-compatible endpoints, so the official clients and tools work unchanged. */
@ApiTags('openai')
@Controller('v1')
@Roles('user')
export class OpenAiController {
  private readonly logger = new Logger(OpenAiController.name);

  constructor(private readonly openai: OpenAiService) {}

  @Get('models')
  models() {
    return this.openai.listModels();
  }

  @Post('chat/completions')
  @HttpCode(200)
  @ApiRateLimit('v1')
  async completions(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChatCompletionRequestDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { id, created } = this.openai.newId();
    if (!body.stream) {
      const results = await this.openai.complete(principal, body, () => undefined);
      return this.openai.response(id, created, results);
    }
    const sse = new SseStream(res);
    const started = new Set<number>();
    try {
      const results = await this.openai.complete(
        principal,
        body,
        (index, content) => {
          // The first chunk of each choice carries the role.
          const delta = started.has(index) ? { content } : { role: 'assistant', content };
          started.add(index);
          sse.send(this.openai.chunk(id, created, { index, delta, logprobs: null, finish_reason: null }));
        },
        sse.disconnected,
      );
      for (const result of results) {
        const { index, refusal } = result;
        const delta = { ...(started.has(index) ? {} : { role: 'assistant', content: '' }), ...(refusal ? { refusal } : {}) };
        sse.send(this.openai.chunk(id, created, { index, delta, logprobs: null, finish_reason: this.openai.finishOf(result) }));
      }
      if (body.stream_options?.include_usage) sse.send(this.openai.chunk(id, created, null, this.openai.usageOf(results)));
    } catch (error) {
      if (!sse.isOpen) throw error;
      sse.send(toOpenAiError(error, toHttpError(error, this.logger)));
    }
    sse.send('[DONE]');
    sse.end();
  }
}
