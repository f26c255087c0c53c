// Link statuses: one colour each (readable on white, distinct for common colour blindness) and the legend.
// Any status the API returns is shown; one not listed here gets grey and its own name.
import { h } from './dom.js';
import { texts } from '../i18n/texts.js';

export const statusColours = {
  PRESENT: '#1a7f37',
  WEAK: '#8a5300',
  SUGGESTED: '#0969da',
  UNMAPPED: '#6f42c1',
  MISSING: '#c62828',
};

export const knownStatuses = Object.keys(statusColours);

export function statusColour(status) {
  return statusColours[status] ?? '#6e7781';
}

export function statusName(status) {
  return texts().status[status] ?? status;
}

export function statusBadge(status) {
  return h('span', { class: 'badge', style: { background: statusColour(status) }, dataset: { status } }, statusName(status));
}

/** The legend: every known status, plus any other status the answer contains. */
export function legend(statusesSeen = []) {
  const t = texts();
  const all = [...knownStatuses, ...statusesSeen.filter((status) => !knownStatuses.includes(status))];
  return h('ul', { class: 'legend', 'aria-label': t.legend },
    all.map((status) => h('li', {},
      h('span', { class: 'swatch', style: { background: statusColour(status) }, 'aria-hidden': 'true' }),
      h('strong', {}, statusName(status)), ' ', h('span', { class: 'muted' }, t.statusHelp[status] ?? ''))));
}
