// Lint rule: the window shows no word that is not in the message catalogues (common/i18n). A string
// literal with a word in it is reported where it can reach the screen: as an element's child, text or
// label, in a notification or dialog, or anywhere it reads like words (a capital then small letters, or
// two words), unless it is plainly not for people (selectors, classes, events, attribute names, keys
// compared against, import paths, catalogue keys handed to t()).

const LABEL_ATTRIBUTES = new Set(['title', 'aria-label', 'placeholder', 'alt', 'label', 'aria-description', 'aria-roledescription', 'aria-valuetext']);
const TEXT_PROPERTIES = new Set(['textContent', 'innerText', 'innerHTML', 'title', 'placeholder', 'ariaLabel', 'label', 'alt', 'ariaValueText']);
const SHOWING_CALLS = new Set(['alert', 'confirm', 'prompt', 'toast', 'Notification']);
// Calls whose string arguments are names for the machine, not words for people.
const MACHINE_CALLS = new Set([
  'querySelector', 'querySelectorAll', 'getElementById', 'byId', 'closest', 'matches', 'addEventListener', 'removeEventListener',
  'createElement', 'getAttribute', 'hasAttribute', 'removeAttribute', 'toggleAttribute', 'add', 'remove', 'toggle', 'contains', 'replace',
  't', 'dispatchEvent', 'Event', 'CustomEvent', 'postMessage', 'startsWith', 'endsWith', 'includes', 'split', 'join', 'padStart', 'padEnd',
  'setProperty', 'getPropertyValue', 'Error', 'log', 'warn', 'error', 'debug', 'info', 'fetch', 'URL', 'WebSocket', 'get', 'set', 'has', 'delete',
  'matchMedia', 'Audio', 'createOscillator', 'getItem', 'setItem', 'removeItem', 'invoke', 'call', 'Intl',
]);
const WORDS = /(?<![\p{L}\d_])\p{Lu}\p{Ll}|\p{L}{2,}[,;:!?]?\s+\p{L}{2,}/u;
// Attribute and option names whose values are for the machine.
const MACHINE_KEYS = /^(class|className|id|role|type|name|value|href|src|for|htmlFor|autocomplete|inputmode|pattern|accept|rel|target|lang|dir|style|kind|key|field|tone|state|data-.*|aria-(?!label|description|roledescription|valuetext).*)$/;
const ANY_LETTER = /\p{L}/u;

const calleeName = (callee) => (callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : null);

function textOf(node) {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '').join(' ');
  return null;
}

function isMachineContext(node) {
  let child = node;
  let parent = node.parent;
  // Walk through expressions that only pass the value along.
  while (parent && (parent.type === 'ConditionalExpression' || parent.type === 'LogicalExpression' || parent.type === 'TSAsExpression' || parent.type === 'ArrayExpression' || (parent.type === 'TemplateLiteral' && child !== parent))) {
    if (parent.type === 'ConditionalExpression' && parent.test === child) return true;
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  switch (parent.type) {
    case 'ImportDeclaration': case 'ExportNamedDeclaration': case 'ExportAllDeclaration': case 'ImportExpression':
    case 'TSLiteralType': case 'TSPropertySignature': case 'SwitchCase': case 'BinaryExpression': case 'TSEnumMember':
      return true;
    case 'Property': {
      if (parent.key === child) return !parent.computed;
      const key = parent.key.type === 'Identifier' ? parent.key.name : textOf(parent.key);
      return key !== null && MACHINE_KEYS.test(key);
    }
    case 'MemberExpression':
      return parent.property === child;
    case 'CallExpression': case 'NewExpression': {
      const name = calleeName(parent.callee);
      if (name === 'setAttribute') return parent.arguments[0] === child || !LABEL_ATTRIBUTES.has(textOf(parent.arguments[0]) ?? '');
      if (name === 'h') return parent.arguments[0] === child;
      return name !== null && MACHINE_CALLS.has(name);
    }
    default:
      return false;
  }
}

function reachesScreen(node) {
  let child = node;
  let parent = node.parent;
  while (parent && (parent.type === 'ConditionalExpression' || parent.type === 'LogicalExpression' || parent.type === 'TSAsExpression' || parent.type === 'ArrayExpression')) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  if (parent.type === 'AssignmentExpression' && parent.right === child && parent.left.type === 'MemberExpression' && !parent.left.computed) return TEXT_PROPERTIES.has(parent.left.property.name);
  if (parent.type === 'Property' && parent.value === child) {
    const key = parent.key.type === 'Identifier' ? parent.key.name : textOf(parent.key);
    return key !== null && LABEL_ATTRIBUTES.has(key);
  }
  if (parent.type === 'CallExpression' || parent.type === 'NewExpression') {
    const name = calleeName(parent.callee);
    if (name === 'h') return parent.arguments.indexOf(child) >= 2;
    if (name === 'append' || name === 'replaceChildren' || name === 'prepend' || name === 'after' || name === 'before') return true;
    if (name === 'setAttribute') return parent.arguments[1] === child && LABEL_ATTRIBUTES.has(textOf(parent.arguments[0]) ?? '');
    return name !== null && SHOWING_CALLS.has(name);
  }
  return false;
}

export const noUiLiteral = {
  meta: {
    type: 'problem',
    docs: { description: 'words shown in the window come from the message catalogues' },
    messages: { literal: 'Words for people go through t() and the catalogues in common/i18n, not a literal: {{text}}' },
    schema: [],
  },
  create(context) {
    const check = (node) => {
      const text = textOf(node);
      if (text === null || !ANY_LETTER.test(text)) return;
      if (node.type === 'TemplateLiteral' && node.parent?.type === 'TaggedTemplateExpression') return;
      if (isMachineContext(node)) return;
      if (reachesScreen(node) || WORDS.test(text)) context.report({ node, messageId: 'literal', data: { text: JSON.stringify(text.slice(0, 40)) } });
    };
    return { Literal: check, TemplateLiteral: check };
  },
};
