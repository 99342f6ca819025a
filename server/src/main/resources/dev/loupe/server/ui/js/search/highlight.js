/**
 * A small tokenizer for highlighting Sumo log and metrics queries: comments, strings, operators (the word after a
 * pipe and the language's keywords), fields (`name=`, `_metadata`, `%"quoted"`), functions, numbers and
 * punctuation. It never fails: anything it does not know is plain text. The concatenated token texts are always
 * exactly the input.
 */
const LOG_OPERATORS = new Set(('json parse regex rex keyvalue kv csv split where count count_distinct count_frequent '
  + 'sum avg min max pct percentile stddev first last most_recent least_recent sort order top limit fields timeslice '
  + 'if concat format lookup geoip geo transpose fillmissing outlier predict dedup bin total accum diff compare '
  + 'rollingstd smooth backshift median values transaction sessionize trace save threatlookup logreduce logcompare '
  + 'logexplain details tourl urldecode urlencode base64decode base64encode substring toupper tolower trim length '
  + 'replace matches isnull isempty isblank isnumeric num tostring now parsedate formatdate haslookup join merge '
  + 'topk bottomk rate quantize filter along delta having eval tolong todouble abs ceil floor round sqrt log exp')
  .split(' '));
const KEYWORDS = new Set(('by as from on nodrop field in and or not asc desc multi using with to auto noquote '
  + 'ignore_case window seconds minutes hours days true false null').split(' '));

function isIdentifierStart(character) {
  return /[A-Za-z_$]/.test(character);
}

function isIdentifierPart(character) {
  return /[A-Za-z0-9_$.\-*]/.test(character);
}

/** Splits `text` into `[{text, start, kind}]`; kind is null for plain text. */
export function tokenize(text, language = 'logs') {
  const tokens = [];
  let index = 0;
  let afterPipe = false;
  const push = (start, end, kind) => {
    if (end > start) tokens.push({ text: text.slice(start, end), start, kind });
  };
  while (index < text.length) {
    const character = text[index];
    const start = index;
    const uri = /^[A-Za-z][\w+.-]*:\/\/[^\s|,)]*/.exec(text.slice(index, index + 200));
    if (uri && (index === 0 || !/[\w.]/.test(text[index - 1]))) {
      index += uri[0].length;
      push(start, index, 'string'); // geo://location, sumo://threat/cs, path://...
      afterPipe = false;
      continue;
    }
    if (character === '/' && text[index + 1] === '/' && (index === 0 || /\s/.test(text[index - 1]))) {
      while (index < text.length && text[index] !== '\n') index += 1;
      push(start, index, 'comment');
      continue;
    }
    if (character === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end < 0 ? text.length : end + 2;
      push(start, index, 'comment');
      continue;
    }
    if (character === '"' || character === "'") {
      index += 1;
      while (index < text.length && text[index] !== character && text[index] !== '\n') {
        index += text[index] === '\\' ? 2 : 1;
      }
      index = Math.min(text.length, index + 1);
      push(start, index, 'string');
      continue;
    }
    if (character === '%' && text[index + 1] === '"') {
      index += 2;
      while (index < text.length && text[index] !== '"' && text[index] !== '\n') index += 1;
      index = Math.min(text.length, index + 1);
      push(start, index, 'field');
      continue;
    }
    if (character === '|') {
      index += 1;
      push(start, index, 'pipe');
      afterPipe = true;
      continue;
    }
    if (/\s/.test(character)) {
      while (index < text.length && /\s/.test(text[index])) index += 1;
      push(start, index, null);
      continue;
    }
    if (/[0-9]/.test(character)) {
      while (index < text.length && /[0-9.eE]/.test(text[index])) index += 1;
      // a duration such as 5m, 1h, 15s, or a number that is part of a word (e.g. 10.0.0.1 stays a number)
      while (index < text.length && /[a-zA-Z]/.test(text[index])) index += 1;
      push(start, index, 'number');
      continue;
    }
    if (isIdentifierStart(character)) {
      while (index < text.length && isIdentifierPart(text[index])) index += 1;
      const word = text.slice(start, index);
      const lower = word.toLowerCase();
      let look = index;
      while (look < text.length && (text[look] === ' ' || text[look] === '\t')) look += 1;
      const next = text[look];
      let kind = null;
      if (afterPipe && LOG_OPERATORS.has(lower)) kind = 'operator';
      else if (next === '(' && LOG_OPERATORS.has(lower)) kind = 'function';
      else if (next === '(') kind = 'function';
      else if (KEYWORDS.has(lower)) kind = 'keyword';
      else if (next === '=' || next === '!' || next === '<' || next === '>') kind = 'field';
      else if (word.startsWith('_')) kind = 'field';
      push(start, index, kind);
      afterPipe = false;
      continue;
    }
    if ('=!<>+-*/%'.includes(character)) {
      index += 1;
      while (index < text.length && '=<>'.includes(text[index])) index += 1;
      push(start, index, 'punctuation');
      continue;
    }
    index += 1;
    push(start, index, /[(),[\]{}]/.test(character) ? 'punctuation' : null);
  }
  return tokens;
}
