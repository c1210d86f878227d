// Turns a ScoreInput into what a text RM reads: a chat (criterion = system, prompt = user, response = assistant)
// rendered with the model's own chat template, or a segment pair (criterion + prompt, response).
import { Template } from '@huggingface/jinja';
import type { ChatTurn, Part } from '../dataset/types';
import type { ScoreInput } from './scorer';
import { encode, type LoadedTokenizer, type Side } from './tokenizerLoader';

export type TextTemplateKind = 'chat' | 'pair';

export interface TextEncoder {
  kind: TextTemplateKind;
  /** For the run header and the cache key: how inputs are built. */
  description: string;
  /** Token ids of one input, or why it cannot be built (media the model cannot see, empty budget). */
  encode(input: ScoreInput): { ids: number[] } | { error: string };
}

export interface TextEncoderOptions {
  /** Force a template; default: 'chat' when the tokenizer has a chat template, else 'pair'. */
  kind?: TextTemplateKind;
  /** A chat template that replaces the tokenizer's (manifest `chatTemplate`). */
  chatTemplate?: string;
  maxLength: number;
  truncationSide: Side;
}

const ROLE_NAMES: Record<ChatTurn['role'], string> = { system: 'System', user: 'User', assistant: 'Assistant' };

function mediaError(parts: Part[], where: string): string | undefined {
  const media = parts.find((p) => p.type === 'media');
  if (media?.type !== 'media') return undefined;
  return `this text reward model cannot see ${media.media.modality} (${where}); score this record with an ${media.media.modality}-capable model`;
}

/** Prompt parts as chat turns; plain text parts join into one user turn. */
function promptTurns(parts: Part[]): ChatTurn[] {
  const turns: ChatTurn[] = [];
  let text: string[] = [];
  const flush = () => {
    if (text.length) turns.push({ role: 'user', content: text.join('\n\n') });
    text = [];
  };
  for (const p of parts) {
    if (p.type === 'text') text.push(p.text);
    else if (p.type === 'chat') {
      flush();
      turns.push(...p.turns);
    }
  }
  flush();
  return turns;
}

function responseText(parts: Part[]): string {
  return parts
    .map((p) => (p.type === 'text' ? p.text : p.type === 'chat' ? p.turns.map((t) => t.content).join('\n\n') : ''))
    .join('\n\n');
}

/** The chat messages a chat-template RM reads: [system: criterion], prompt turns, [assistant: response]. */
export function chatMessages(input: ScoreInput): ChatTurn[] {
  const turns = promptTurns(input.prompt);
  const criterion = input.criterion?.trim() ? input.criterion : '';
  // One system message: templates often reject a second one, so a transcript's own system turn joins the criterion.
  if (criterion) {
    const sys = turns[0]?.role === 'system' ? turns.shift()! : undefined;
    turns.unshift({ role: 'system', content: sys ? `${criterion}\n\n${sys.content}` : criterion });
  }
  turns.push({ role: 'assistant', content: responseText(input.response.parts) });
  return turns;
}

/** The two segments a cross-encoder RM reads: criterion + blank line + prompt, then the response. */
export function segmentPair(input: ScoreInput): [string, string] {
  const prompt = input.prompt
    .map((p) =>
      p.type === 'text'
        ? p.text
        : p.type === 'chat'
          ? p.turns.map((t) => `${ROLE_NAMES[t.role]}: ${t.content}`).join('\n\n')
          : '',
    )
    .filter((s) => s !== '')
    .join('\n\n');
  const criterion = input.criterion?.trim() ? input.criterion : '';
  return [criterion ? `${criterion}\n\n${prompt}` : prompt, responseText(input.response.parts)];
}

export function createTextEncoder(lt: LoadedTokenizer, opts: TextEncoderOptions): TextEncoder {
  const chatSource = opts.chatTemplate ?? lt.chatTemplate?.source;
  const kind: TextTemplateKind = opts.kind ?? (chatSource ? 'chat' : 'pair');
  const encodeOpts = { maxLength: opts.maxLength, truncationSide: opts.truncationSide };
  const check = (input: ScoreInput) =>
    mediaError(input.response.parts, 'the response') ?? mediaError(input.prompt, 'the prompt');
  const tooLong = { error: `the special tokens alone exceed max_length ${opts.maxLength}` };

  if (kind === 'chat') {
    if (!chatSource) throw new Error('chat template requested but the tokenizer has none');
    const template = new Template(chatSource);
    const from = opts.chatTemplate ? 'reward-lens.json' : lt.chatTemplate!.file;
    return {
      kind,
      description: `chat template (${from}) over [system: criterion (omitted when empty), user: prompt, assistant: response], no added special tokens, max_length ${opts.maxLength}, truncation ${opts.truncationSide}`,
      encode(input) {
        const err = check(input);
        if (err) return { error: err };
        const text = template.render({
          messages: chatMessages(input),
          add_generation_prompt: false,
          ...lt.specialTokens,
        });
        const ids = encode(lt, text, undefined, { ...encodeOpts, addSpecialTokens: false });
        return ids ? { ids } : tooLong;
      },
    };
  }
  return {
    kind,
    description: `segment pair: (criterion + "\\n\\n" + prompt, response), criterion part omitted when empty, max_length ${opts.maxLength}, truncation ${opts.truncationSide} longest_first`,
    encode(input) {
      const err = check(input);
      if (err) return { error: err };
      const [a, b] = segmentPair(input);
      const ids = encode(lt, a, b, { ...encodeOpts, addSpecialTokens: true });
      return ids ? { ids } : tooLong;
    },
  };
}
