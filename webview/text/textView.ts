// Text and chat parts as DOM: markdown rendered and sanitised, chat transcripts as turns with their roles.
import DOMPurify from 'dompurify';
import type { ChatTurn } from '../../src/core/dataset/types';
import { el, icon } from '../components/badges';
import { renderMarkdown } from './markdown';

/** Past this size a text is shown as plain pre-wrapped text: markdown parsing a megabyte would stall the pane. */
const MARKDOWN_LIMIT = 500_000;

export function textBlock(text: string): HTMLElement {
  const div = el('div', 'text-block markdown-body');
  if (text.length > MARKDOWN_LIMIT) {
    div.classList.add('plain');
    div.textContent = text;
  } else {
    div.innerHTML = renderMarkdown(text, DOMPurify);
  }
  return div;
}

const ROLE_ICON: Record<ChatTurn['role'], string> = { system: 'settings-gear', user: 'account', assistant: 'hubot' };

export function chatBlock(turns: ChatTurn[]): HTMLElement {
  const wrap = el('div', 'chat');
  for (const t of turns) {
    const turn = el('div', `chat-turn role-${t.role}`);
    const who = el('div', 'chat-role');
    who.append(icon(ROLE_ICON[t.role] ?? 'comment'), document.createTextNode(` ${t.role}`));
    turn.append(who, textBlock(t.content));
    wrap.append(turn);
  }
  return wrap;
}
