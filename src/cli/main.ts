import { existsSync, fstatSync, writeSync } from 'node:fs';
import { Command, CommanderError, Help, type Option } from 'commander';
import { resourceError, UserError } from '../util/user-error.js';
import { sayWhenInterrupted, storeStands, watchInterrupts, whatWasDone } from './interrupt.js';
import { damagedStore, storeVersionBegun } from '../store/store.js';
import { registerIngestCommand } from './ingest.js';
import { registerProfileCommands } from './profile.js';
import { registerStoreCommands } from './store.js';
import { registerClassifyCommands } from './classify.js';
import { registerSynthCommand } from './synth.js';
import { registerDemoCommand } from './demo.js';
import { registerAnalyzeCommand } from './analyze.js';
import { registerReportCommand } from './report.js';
import { terminalSafe } from './format.js';
import { cutLongWords, editDistance, shellWord } from '../util/words.js';

/**
 * A file whose name begins with a dash (`-calls.csv`) was refused as an unknown option, with no word of how
 * to name it (tester 149).
 */
function fileLikeOption(text: string): string {
  const fix = fileFix(text);
  return fix ? text.replace(/\n?$/, `\n  How to fix: ${fix}\n`) : text;
}

/** How to name a file the unknown option of commander's message `text` may be, or undefined. */
function fileFix(text: string): string | undefined {
  const name = /unknown option '(-[^']+)'/.exec(text)?.[1];
  if (!name || !(existsSync(name) || /\.[a-z0-9]+$/i.test(name))) return undefined;
  return `if ${name} is a file, write it as ./${name}.`;
}

/** Whether a refusal's hint already said where to look, which commander then writes again (buildProgram). */
let helpSaid = false;

/** The words after `safegap` of the command line being run: what commander's parse does not keep. */
let given: string[] = [];

/** Where to look after a command there is not: said after the message, and the hint of its --json. */
const HELP_AFTER_ERROR =
  "`safegap --help` lists the commands; `safegap help COMMAND` shows a command's usage";

/**
 * Words for a command that are not its name, and the commands they mean. Commander's nearest by spelling
 * answered `safegap import` with `report` (tester 374). They are no aliases: the command is not run, so that
 * the user learns its name. A word below a command is keyed with it (`store show`).
 */
const MEANING: Record<string, string[]> = {
  import: ['ingest'],
  load: ['ingest'],
  add: ['ingest'],
  read: ['ingest'],
  analyse: ['analyze'],
  analysis: ['analyze'],
  reports: ['report'],
  classification: ['classify'],
  stats: ['store info'],
  status: ['store info'],
  info: ['store info'],
  // A profile's words for showing it; `show` alone was "unknown command" (tester 386).
  show: ['profile show'],
  // A user who types `view` may mean the report as well as a profile (tester 389).
  view: ['report', 'profile show'],
  display: ['report', 'profile show'],
  print: ['report', 'profile show'],
  // `safegap store show` got no suggestion (tester 389).
  'store show': ['store info'],
  'store view': ['store info'],
  'store display': ['store info'],
  'store print': ['store info'],
  // Tester 391 looked for the versions held and a roll-back under these words.
  'store list': ['store versions'],
  'store ls': ['store versions'],
  'store rollback': ['store use'],
  'store revert': ['store use'],
  versions: ['store versions'],
  rollback: ['store use'],
};

/** The commands that led to the command a word named none of (`['store']` for `safegap store infoo`). */
let refusedAt: string[] = [];

/**
 * The words given with a command that names none, to go after the command meant: the options before it,
 * then the words after it. A fix naming `profile show` alone for `safegap show minneapolis-cad` wanted its
 * argument again when pasted (tester 389).
 */
let refusedWith: string[] = [];

/** The program whose command was refused, to know which of the commands meant the words given fit. */
let refusedBelow: Command | undefined;

/**
 * The commands (below `command`, whose path is `path`) that `word`, naming none, most likely meant by the
 * table above: its meanings, or those of a word one or two letters off one (`imprt`) nearer than any
 * command's name. Undefined when the table has none, to leave commander's suggestion by spelling.
 */
function meaning(command: Command, path: string[], word: string): string[] | undefined {
  const typed = word.toLowerCase();
  const prefix = path.length ? `${path.join(' ')} ` : '';
  // A meaning below this command (`store info` below `store`), said as from here (`info`); a word keyed
  // below this command (`store show`) as the word alone.
  const words = Object.entries(MEANING).flatMap(([key, ms]) => {
    const w = key.startsWith(prefix) ? key.slice(prefix.length) : key;
    if (w.includes(' ')) return [];
    return ms.flatMap((m) =>
      m.startsWith(prefix) && m !== prefix.trim() ? [[w, m.slice(prefix.length)] as const] : [],
    );
  });
  const exact = words.filter(([w]) => w === typed);
  if (exact.length > 0) return [...new Set(exact.map(([, m]) => m))];
  const names = command.commands.flatMap((c) => [c.name(), ...c.aliases()]);
  const nearest = Math.min(...words.map(([w]) => near(typed, w)));
  if (nearest === Infinity || names.some((n) => near(typed, n) <= nearest)) return undefined;
  const meant = new Set(words.filter(([w]) => near(typed, w) === nearest).map(([, m]) => m));
  return [...meant];
}

/**
 * The commands a top-level `word` means below another command (`show`: `store info`, as `store show`),
 * where the words given fit them with an option only they have and fit none of its own meanings:
 * `safegap show -s S` was told `safegap profile show S`, `-s` dropped and the store taken as a profile
 * (tester 393). Else undefined.
 */
function elsewhere(program: Command, path: string[], word: string): string[] | undefined {
  if (path.length > 0) return undefined;
  const fit = (m: string) => fits(program, m.split(' '), refusedWith);
  const own = meaning(program, [], word) ?? [];
  if (own.some(fit)) return undefined;
  const others = Object.entries(MEANING).flatMap(([key, ms]) =>
    key.split(' ').length === 2 && key.split(' ')[1] === word.toLowerCase() ? ms : [],
  );
  const theirs = (m: string) =>
    refusedWith.some(
      (w) =>
        w.startsWith('-') &&
        !isHelp(w) &&
        optionIn(commandAt(program, m.split(' ')), w) &&
        !own.some((o) => optionIn(commandAt(program, o.split(' ')), w)),
    );
  const meant = [...new Set(others)].filter((m) => fit(m) && theirs(m));
  return meant.length > 0 ? meant : undefined;
}

/** The command of `path` below `program` (as far as its words name one). */
function commandAt(program: Command, path: string[]): Command {
  let command = program;
  for (const name of path) command = command.commands.find((c) => c.name() === name) ?? command;
  return command;
}

/**
 * `words` given with a command that names none, as they go after the command of `path` meant: without the
 * options it has not (`safegap import -V` is not to be told `safegap ingest -V`, refused in turn), each
 * with the value it takes where the commands that have it take one (`safegap show x -s S`: `profile show
 * x`, not `profile show x S`, tester 393). `left`: the options left out, to be said (tester 393).
 */
function givenTo(
  program: Command | undefined,
  path: string[],
  words: string[],
): { words: string[]; left: string[] } {
  const command = program && commandAt(program, path);
  const at = words.indexOf('--');
  const kept: string[] = [];
  const left: string[] = [];
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (
      !program ||
      !command ||
      !w.startsWith('-') ||
      w === '-' ||
      (at >= 0 && k >= at) ||
      isHelp(w) ||
      optionIn(command, w)
    ) {
      kept.push(w);
      continue;
    }
    // --json was answered: the refusal itself is printed as JSON.
    if (w !== '--json') left.push(w);
    const elsewhere = leaves(program).map(([, c]) => optionIn(c, w));
    if (
      k + 1 < words.length &&
      k + 1 !== at &&
      elsewhere.some((o) => o?.required && (w === o.long || w === o.short))
    )
      k++;
  }
  return { words: kept, left };
}

/** The refusal misusedOptions gives the words after `safegap`, or undefined where it gives none. */
function refusalOf(program: Command, words: string[]): UserError | undefined {
  try {
    misusedOptions(program, words);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  return undefined;
}

/**
 * `words`, given after the command of `path`, with the name of its value (`DIR`) where an option that
 * takes one has none (`-o --public`, or `-o` last), to be pasted with it filled in; undefined where they
 * would still be refused. Two fixes said, and no command, were no line to paste (tester 393).
 */
function withPlaceholders(program: Command, path: string[], words: string[]): string[] | undefined {
  const command = commandAt(program, path);
  const out: string[] = [];
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    out.push(w);
    if (w === '--') {
      out.push(...words.slice(k + 1));
      break;
    }
    const o = w.startsWith('-') ? optionIn(command, w) : undefined;
    if (!o?.required || (w !== o.long && w !== o.short)) continue;
    const next = words[k + 1];
    if (next === undefined || namesOption(command, next))
      out.push(valueOf(o).argument.toUpperCase() || 'VALUE');
    else {
      out.push(next);
      k++;
    }
  }
  return refusalOf(program, [...path, ...out]) ? undefined : out;
}

/**
 * Whether `words`, given after the command of `path` below `program`, are its options and no more operands
 * than it takes: `safegap view minneapolis-cad` means `profile show`, which takes a profile, not the report.
 */
function fits(program: Command, path: string[], words: string[]): boolean {
  const command = commandAt(program, path);
  let operands = 0;
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!;
    if (word === '--') {
      operands += words.length - k - 1;
      break;
    }
    if (!word.startsWith('-') || word === '-') operands++;
    else if (!isHelp(word)) {
      const o = optionIn(command, word);
      if (!o) return false;
      if (o.required && (word === o.long || word === o.short)) k++;
    }
  }
  const args = command.registeredArguments;
  return args.some((a) => a.variadic) || operands <= args.length;
}

/**
 * As commander's suggestion: the edits from `typed` to `name`, no more than two and less than 60% of the
 * word, else Infinity.
 */
function near(typed: string, name: string): number {
  const d = editDistance(typed, name, 2);
  return d <= 2 && d / Math.max(typed.length, name.length) < 0.6 ? d : Infinity;
}

/**
 * The command `safegap help WORD` most likely meant, WORD naming none: by the table of meanings, else the
 * one nearest by spelling, as `safegap WORD` is answered; `help import` was told only the list of commands.
 */
function helpMeant(program: Command, word: string): string[] | undefined {
  const meant = meaning(program, [], word);
  if (meant) return meant;
  const names = program.commands.map((c) => c.name());
  const nearest = Math.min(...names.map((n) => near(word.toLowerCase(), n)));
  const closest = names.filter((n) => near(word.toLowerCase(), n) === nearest);
  return nearest < Infinity && closest.length === 1 ? closest : undefined;
}

export function buildProgram(): Command {
  const program = new Command()
    .name('safegap')
    // Commander's own refusals (an unknown option, a value not among the choices) began `error:`, the
    // others `safegap:` (README, "When a command fails").
    .configureOutput({
      outputError: (text, write) => {
        // An unknown command or option with its suggestion, as every other refusal and its --json give it:
        // `(Did you mean ingest?)` and the help line after it did not read as the README's "How to fix"
        // (testers 387, 388).
        const unknown = unknownJson(text);
        if (unknown) {
          helpSaid = true;
          write(`safegap: ${unknown.error}\n  How to fix: ${unknown.hint}\n`);
        } else write(fileLikeOption(text.replace(/^error: /, 'safegap: ')));
      },
      // Commander writes the help line after the message itself: the hint above already holds it.
      writeErr: (text) => {
        if (helpSaid && text === `(${HELP_AFTER_ERROR})\n`) helpSaid = false;
        else process.stderr.write(text);
      },
    })
    .description('Community safety asset and gap analysis from 911 / CAD calls for service')
    .version('0.1.0')
    // The whole usage text after a one-line mistake buried the line that says what is wrong. "Add --help"
    // was no advice after `safegap import --help`, refused as an unknown command (tester 374).
    .showHelpAfterError(`(${HELP_AFTER_ERROR})`)
    // Which options must be given was learnt only from "required option ... not specified" (tester 149).
    .configureHelp({
      optionDescription(this: Help, option: Option): string {
        const text = Help.prototype.optionDescription.call(this, option);
        return option.mandatory ? `(required) ${text}` : text;
      },
    })
    .exitOverride()
    // An option given an empty value (`--city=`, `--title ""`) was taken as not given: the default ran
    // and nothing said so. No option of any command means anything by an empty value.
    .hook('preAction', (_program, action) => {
      // The command's own work begins (ingest, analyze and report say more: where the store and --out stand).
      const words: string[] = [];
      for (let c: Command | null = action; c?.parent; c = c.parent) words.unshift(c.name());
      // With --json, where its store stands (tester 350).
      const store: unknown = action.getOptionValue('store');
      sayWhenInterrupted(
        (signal) => `${words.join(' ')} was interrupted (${signal})`,
        () => (typeof store === 'string' ? storeStands(store) : {}),
      );
      for (const o of action.options) {
        const name = o.attributeName();
        // `--schedule 3@07-23 --schedule 2@23-07` planned with the second alone, and said nothing.
        const times = given.filter(
          (w) => w === o.long || w.startsWith(`${o.long}=`) || (o.short !== undefined && w === o.short),
        ).length;
        if (times > 1 && !o.variadic && (o.required || o.optional))
          throw new UserError(
            `${o.long} was given ${times} times; it takes one value, and only the last would count.`,
            name === 'schedule'
              ? 'give it once, with the shifts separated by commas: `--schedule 3@07-23,2@23-07`.'
              : 'give it once.',
          );
        // Only spaces are as empty (a --title " " printed a report without a title).
        const value: unknown = action.getOptionValue(name);
        if (typeof value === 'string' && value.trim() === '')
          throw new UserError(
            `${o.long ?? o.flags} was given an empty value.`,
            // Left out, a required option is refused in turn (tester 230).
            o.mandatory || o.description.includes('(required)')
              ? 'give it a value.'
              : 'give it a value, or leave it out.',
          );
      }
    });
  registerIngestCommand(program);
  registerProfileCommands(program);
  registerStoreCommands(program);
  registerClassifyCommands(program);
  registerSynthCommand(program);
  registerDemoCommand(program);
  registerAnalyzeCommand(program);
  registerReportCommand(program);
  return program;
}

/**
 * The words after `safegap` as commander is to parse them: after a word that names no command where one is
 * looked for (`safegap import`, `safegap classify imprt`), its options are left out, so that it is refused
 * as an unknown command whatever follows. Commander answers a help option before it looks at the command:
 * `safegap import --help` printed the general help with exit 0, without it `unknown command 'import'`
 * and exit 2 (tester 371).
 */
function unknownCommandAlone(program: Command, words: string[]): string[] {
  let command = program;
  const path: string[] = [];
  const options: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') break;
    if (word.startsWith('-')) {
      options.push(word);
      // An option of the command itself that takes a value takes the next word.
      if (command.options.find((o) => o.long === word || o.short === word)?.required && i + 1 < words.length)
        options.push(words[++i]!);
      continue;
    }
    // A command that takes operands, or `help` with its topic (answered above and by commander).
    if (command.commands.length === 0 || word === 'help') break;
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub) {
      refusedAt = path;
      refusedWith = [...options, ...words.slice(i + 1)];
      refusedBelow = program;
      // The shortest first (`view`: `report`, then `profile show`).
      const meant =
        elsewhere(program, path, word) ?? meaning(command, path, word)?.sort((a, b) => a.length - b.length);
      // Refused as commander refuses it (its message, the line after), with the command meant.
      if (meant)
        command.error(
          `error: unknown command '${word}'\n(Did you mean ${meant.length > 1 ? 'one of ' : ''}${meant.join(', ')}?)`,
          { code: 'commander.unknownCommand' },
        );
      return [...words.slice(0, i + 1), ...words.slice(i + 1).filter((w) => !w.startsWith('-'))];
    }
    command = sub;
    path.push(word);
  }
  return words;
}

/**
 * An unknown command's or option's refusal as --json gives it: what was wrong in `error`, the command or
 * option meant and where to look in `hint`, as any other refusal; the suggestion was folded into `error`
 * (tester 374, and for an option tester 383). The command meant is named whole (`store info`, not the
 * `info` said below `safegap store`), as the command line to run: with the words given after the word
 * refused, and the options before it (tester 389).
 */
function unknownJson(message: string): { error: string; hint: string } | undefined {
  const m =
    /^(?:error: )?(unknown (command|option) '[^\n]*')(?:\n\(Did you mean (?:one of )?(.+)\?\))?\n?$/.exec(
      message,
    );
  if (!m) return undefined;
  const suggested = m[3]?.split(', ');
  // Of several, those the words given fit (`view minneapolis-cad`: `profile show`, not `report`); where
  // none does, all of them.
  const fitting = suggested?.filter(
    (c) =>
      m[2] === 'command' && refusedBelow && fits(refusedBelow, [...refusedAt, ...c.split(' ')], refusedWith),
  );
  const meant = (fitting?.length ? fitting : suggested)?.map((c) =>
    m[2] === 'command' ? commandMeant(c.split(' ')) : { line: c, notes: [] },
  );
  // What the words given still lack, said with the one command meant (tester 393).
  const notes = meant?.length === 1 ? meant[0]!.notes.map((n) => ` ${n}`).join('') : '';
  const guess = meant
    ? `did you mean ${meant.length > 1 ? `one of ${meant.map((c) => `\`${c.line}\``).join(', ')}` : `\`${meant[0]!.line}\``}?${notes} `
    : '';
  const file = fileFix(message);
  return { error: m[1]!, hint: `${guess}${file ? `${file} ` : ''}${HELP_AFTER_ERROR}.` };
}

/**
 * The command line of the command meant (`store info`) for an unknown one, with the words given, and what
 * is to be said with it. `safegap reports -s S -o --public` was told `safegap report -s S -o --public`,
 * refused in turn (`-o` has no value), and an option the command meant has not was left out unsaid
 * (tester 393): a value missing is named (`-o DIR`) and its refusal said; a command still refused is named
 * alone, with its refusal.
 */
function commandMeant(meant: string[]): { line: string; notes: string[] } {
  const path = [...refusedAt, ...meant];
  const name = path.join(' ');
  const { words, left } = givenTo(refusedBelow, path, refusedWith);
  const notes =
    left.length > 0
      ? [`${left.join(', ')}, which ${name} has not, ${left.length > 1 ? 'are' : 'is'} left out.`]
      : [];
  const refusal = refusedBelow && refusalOf(refusedBelow, [...path, ...words]);
  if (!refusedBelow || !refusal)
    return { line: ['safegap', ...path, ...words.map(shellWord)].join(' '), notes };
  const mended = withPlaceholders(refusedBelow, path, words);
  const said = `${refusal.message.replace(/\.$/, '')}${refusal.hint ? `; ${refusal.hint}` : '.'}`;
  return mended
    ? { line: ['safegap', ...path, ...mended.map(shellWord)].join(' '), notes: [...notes, said] }
    : { line: `safegap ${name}`, notes: [...notes, `With the words given, ${said}`] };
}

/** Help is an option of every command, though not among its `options`. */
const isHelp = (word: string): boolean => word === '-h' || word === '--help';

/** The option of `command` that `word` gives (`--out`, `--out=x`, `-o`, `-ox`, `-o=x`), or undefined. */
function optionIn(command: Command, word: string): Option | undefined {
  if (word.startsWith('--'))
    return command.options.find(
      (o) => o.long !== undefined && (word === o.long || word.startsWith(`${o.long}=`)),
    );
  return command.options.find((o) => o.short !== undefined && word.startsWith(o.short));
}

/** Whether `value` is an option's name, as `command` has it or as any command has help (`-h`), `=value` or not. */
const namesOption = (command: Command, value: string): boolean => {
  const name = value.split('=')[0]!;
  return isHelp(name) || command.options.some((o) => o.long === name || o.short === name);
};

/** What an option's value is, by the name of its argument in the usage (`<dir>` a folder). */
const ARGUMENT_NOUN: Record<string, string> = {
  dir: 'folder',
  store: 'store folder',
  file: 'file',
  files: 'file',
  path: 'path',
  profile: 'profile',
  date: 'date',
  n: 'number',
  m: 'number',
  p: 'number',
  number: 'number',
  years: 'number',
  share: 'share',
  ratio: 'share',
  id: 'id',
  city: 'city id',
  name: 'name',
  text: 'text',
  s: 'seed',
  spec: 'layer',
  shifts: 'schedule',
  phase: 'phase',
  zone: 'time zone',
};

/** The name of an option's argument in the usage (`dir` of `<dir>`, or ''), and what its value is. */
function valueOf(o: Option): { argument: string; noun: string } {
  const argument = /[<[]([a-z-]+)/i.exec(o.flags)?.[1] ?? '';
  return { argument, noun: ARGUMENT_NOUN[argument] ?? 'value' };
}

/** The commands below `command` that have none below them, each with its words (`store info`). */
function leaves(command: Command, path: string[] = []): (readonly [string, Command])[] {
  return command.commands.flatMap((c) =>
    c.commands.length > 0 ? leaves(c, [...path, c.name()]) : [[[...path, c.name()].join(' '), c] as const],
  );
}

/** What a switch left out means, where "leave it out" alone would not say (tester 377). */
const SWITCH_OFF: Record<string, string> = {
  '--public': 'leave it out for the internal edition',
};

/**
 * Options written where commander reads them as something else, refused before anything runs (tester 377):
 * - an option's value that is another option (`report -o --public` wrote the internal edition, addresses
 *   and all, into a folder named `--public`, exit 0), or begins with `--`; a value that merely begins with
 *   `-` (`--target -5`) is left to the option's own check;
 * - a short option's value after `=` (`-o=x` wrote to `=x`): refused, not read as `--out=x`, as getopt
 *   too reads it as `=x`, and a path may begin with `=`;
 * - a switch given a value (`--public=false`), an option before its command (`safegap --json analyze`),
 *   and `--store` to a command that reads its store as `--calls`: commander's "unknown option" said no more.
 * Words that name no command, or a command with commands below it, are left to commander and to
 * unknownCommandAlone.
 */
function misusedOptions(program: Command, words: string[]): void {
  let command = program;
  const path: string[] = [];
  // Options given before the command (`--json`, `-s S` before `analyze`): the word after each, maybe a value.
  const early: { at: number; value?: number }[] = [];
  let i = 0;
  for (; i < words.length && command.commands.length > 0; i++) {
    const word = words[i]!;
    if (word === '--' || word === 'help') return;
    if (word.startsWith('-')) {
      const own = optionIn(command, word);
      if (own?.required && word === own.long) i++;
      else if (!own && !isHelp(word)) early.push({ at: i });
      continue;
    }
    const named = (c: Command, w = word) => c.commands.find((s) => s.name() === w || s.aliases().includes(w));
    const last = early.at(-1);
    const valueMaybe = last && last.at === i - 1 && last.value === undefined;
    // A value that names a command too (`safegap -s store analyze`, a store folder named store).
    const sub = valueMaybe && named(command, words[i + 1] ?? '') ? undefined : named(command);
    if (!sub && valueMaybe) last.value = i;
    else if (!sub) return;
    else {
      command = sub;
      path.push(word);
    }
  }
  // Options and no command at all (`safegap -o=x`, `safegap --json`): "unknown option" said no more
  // (tester 383).
  const alone = path.length === 0 && i >= words.length && early.length > 0;
  if (command.commands.length > 0 && !alone) return;
  const name = path.join(' ');
  if (early.length > 0) {
    // The commands the options belong to: the one given, or with none, each that has them all.
    const owners = alone
      ? leaves(program).filter(([, c]) => early.every(({ at }) => optionIn(c, words[at]!)))
      : [[name, command] as const];
    if (owners.length === 0) return;
    const moved: string[] = [];
    const switches = new Set<string>();
    // Options with a value given after the command too, left out of the fix: `safegap -s analyze -s store`
    // was told to move `-s DIR` after analyze, where `-s store` already was (tester 389).
    const again: string[] = [];
    for (const { at, value } of early) {
      const word = words[at]!;
      const o = optionIn(owners[0]![1], word);
      const separate = o?.required && (word === o.long || word === o.short);
      // A word taken as a value where the option takes none: not this mistake.
      if (!o || (value !== undefined && !separate)) return;
      const after = words.slice(i).find((w) => w.startsWith('-') && optionIn(owners[0]![1], w) === o);
      if (after !== undefined && o.required) {
        // Given with its value before it (`-s a analyze -s b`): the one after is kept, and the other named.
        if (value !== undefined) again.push([word, words[value]!].map(shellWord).join(' '));
        else if (!separate) again.push(shellWord(word));
        continue;
      }
      // Given as it goes after the command: with a value where it had none (`safegap -s analyze`, tester
      // 383), and a short option's after a space, not `=` (`-o=x`).
      const { argument } = valueOf(o);
      const shown = owners.every(([, c]) => valueOf(optionIn(c, word)!).argument === argument)
        ? argument.toUpperCase() || 'VALUE'
        : 'VALUE';
      if (value !== undefined) moved.push(word, words[value]!);
      else if (separate) moved.push(word, shown);
      else if (o.required && o.short !== undefined && word.startsWith(`${o.short}=`))
        moved.push(o.short, word.slice(o.short.length + 1) || shown);
      else {
        moved.push(word);
        switches.add(word);
      }
    }
    // The command as it should have been, with every word given after it too: a fix that dropped them
    // (`safegap report --store s`, without the `-o rep` given) failed again when pasted (tester 383).
    const fixedWords = [...moved, ...words.slice(i).filter((w) => !switches.has(w))];
    const fixed = fixedWords.map(shellWord).join(' ');
    const flags = early.map(({ at }) => words[at]!.replace(/=.*/, ''));
    const were = flags.length > 1 ? 'were' : 'was';
    const error = alone
      ? `${flags.join(', ')} ${were} given with no command before ${flags.length > 1 ? 'them; they are options' : 'it; it is an option'} of ${owners.map(([n]) => n).join(', ')}.`
      : `${flags.join(', ')} ${were} given before the command ${flags.length > 1 ? 'they belong' : 'it belongs'} to, ${name}.`;
    const command_ = alone && owners.length > 1 ? 'COMMAND' : owners[0]![0];
    const left =
      again.length > 0
        ? ` (${again.map((w) => `\`${w}\``).join(', ')}, given before it as well, ${again.length > 1 ? 'are' : 'is'} left out: write ${again.length > 1 ? 'them' : 'it'} in place of the one after it if ${again.length > 1 ? 'they are' : 'it is'} the one meant)`
        : '';
    // The command moved may be refused in turn: `safegap --store S report -o --public` was told to run
    // `safegap report --store S -o --public`, whose `-o` has no value (tester 389). Both fixes are said,
    // and no command that fails as pasted.
    let second: UserError | undefined;
    try {
      misusedOptions(program, [...owners[0]![0].split(' '), ...fixedWords]);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      second = e;
    }
    // With a placeholder for the value left out, the whole command to paste (tester 393).
    const mended =
      second && command_ !== 'COMMAND' && withPlaceholders(program, command_.split(' '), fixedWords);
    if (second)
      throw new UserError(
        `${error.slice(0, -1)}; and ${second.message.replace(/^unknown option '(.+)'$/, `$1 is no option of ${command_}.`)}`,
        `put ${moved.length > 0 ? `\`${moved.map(shellWord).join(' ')}\`` : 'the options'} after \`${command_}\`${left}; then ${second.hint ?? 'mend the rest.'}` +
          (mended
            ? ` That is: \`safegap ${[...command_.split(' '), ...mended].map(shellWord).join(' ')}\`.`
            : ''),
      );
    throw new UserError(error, `options go after the command: \`safegap ${command_} ${fixed}\`${left}.`);
  }
  for (; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') return;
    if (!word.startsWith('-') || word === '-') continue;
    const o = optionIn(command, word);
    if (!o) {
      // Every command but classify's reads a store as --store (tester 377).
      const store = /^(--store|-s)(=|$)/.test(word) && optionIn(command, '--calls');
      if (store && !optionIn(command, '--store'))
        throw new UserError(
          `unknown option '${word}'`,
          `${name} reads the calls, from a store folder too, as --calls: \`safegap ${[...path, ...words.slice(path.length).map((w, k) => (k + path.length === i ? w.replace(/^(--store|-s)/, '--calls') : w))].map(shellWord).join(' ')}${word.includes('=') || i + 1 < words.length ? '' : ' DIR'}\`.`,
        );
      continue;
    }
    const flag = word.startsWith('--') ? o.long! : o.short!;
    const takesValue = o.required || o.optional;
    let value: string | undefined;
    if (word.startsWith('--') && word.includes('=')) {
      value = word.slice(flag.length + 1);
      if (!takesValue) {
        const off = /^(false|no|off|0|n)$/i.test(value);
        throw new UserError(
          `${flag} is a switch, on when given, and takes no value; got \`${word}\`.`,
          `\`${flag}\` takes no value; ${off ? (SWITCH_OFF[flag] ?? 'leave it out to have it off') : /^(true|yes|on|1|y)$/i.test(value) ? `give \`${flag}\` alone` : `give \`${flag}\` alone to have it on, or leave it out`}.`,
        );
      }
    } else if (word !== flag) {
      if (!takesValue) continue; // switches together (`-fj`) or an unknown option: commander's
      value = word.slice(flag.length);
      if (value.startsWith('='))
        throw new UserError(
          `${flag} was given \`${value}\`: a short option's value follows it after a space, and \`=\` is read as the value's first letter.`,
          `write \`${flag} ${value.slice(1) || 'VALUE'}\` or \`${o.long}=${value.slice(1) || 'VALUE'}\`.`,
        );
    } else if (o.required) {
      // Commander's "option '-s, --store <dir>' argument missing" said neither what nor where (tester 383).
      if (i + 1 >= words.length) {
        const { argument, noun } = valueOf(o);
        throw new UserError(
          `${o.long ?? flag} was given no value: it is the last word, and a ${noun} was expected after it.`,
          `give the ${noun} after ${o.long ?? flag} (\`${o.long ?? flag} ${argument.toUpperCase() || 'VALUE'}\`).`,
        );
      }
      value = words[++i];
    }
    if (value === undefined || !takesValue) continue;
    const other = namesOption(command, value);
    if (!other && !value.startsWith('--')) continue;
    const { argument, noun } = valueOf(o);
    const path_ = ['folder', 'store folder', 'file', 'path', 'profile'].includes(noun);
    const named = value.split('=')[0]!;
    const otherTakesValue = optionIn(command, named)?.required;
    throw new UserError(
      other
        ? `${o.long ?? flag} was given \`${value}\`, an option of ${name}, where a ${noun} was expected.`
        : `${o.long ?? flag} was given \`${value}\`, which begins with --, where a ${noun} was expected.`,
      `give the ${noun} after ${o.long ?? flag} (\`${o.long ?? flag} ${argument.toUpperCase() || 'VALUE'}\`)` +
        (other
          ? `, and ${named} ${otherTakesValue ? 'with its own value' : 'on its own'}.`
          : path_
            ? `; a ${noun} whose name begins with -- is written \`./${value}\`.`
            : '.'),
    );
  }
}

export async function main(argv: string[]): Promise<number> {
  try {
    const program = buildProgram();
    // `safegap help bogus` printed the general help, exit 2, and never said there is no such command.
    const [word, topic] = argv.slice(2);
    const commands = program.commands.map((c) => c.name());
    if (word === 'help' && topic !== undefined && !topic.startsWith('-') && !commands.includes(topic)) {
      const meant = helpMeant(program, topic);
      // `safegap help store info` describes `store`: a command below another is asked with --help.
      const how = (m: string) => `\`${m.includes(' ') ? `safegap ${m} --help` : `safegap help ${m}`}\``;
      throw new UserError(
        `There is no command \`${topic}\`.`,
        meant
          ? `did you mean ${meant.map((m) => `\`${m}\``).join(' or ')}? ${meant.map(how).join(' or ')} describes it.`
          : `the commands are ${commands.join(', ')}; \`safegap help COMMAND\` describes one.`,
      );
    }
    given = argv.slice(2);
    misusedOptions(program, given);
    await program.parseAsync([...argv.slice(0, 2), ...unknownCommandAlone(program, argv.slice(2))]);
    return 0;
  } catch (caught) {
    // Help and the version exit 0; an unknown or missing option, a conflict, is a user's mistake like any
    // other: exit 2, as the messages of the commands themselves (commander's own code is 1).
    if (caught instanceof CommanderError) {
      if (caught.exitCode === 0) return 0;
      if (argv.includes('--json'))
        console.log(
          JSON.stringify(
            unknownJson(caught.message) ?? { error: caught.message.replace(/^error: /, '') },
            null,
            2,
          ),
        );
      return 2;
    }
    const e = resourceError(caught, storeVersionBegun()) ?? (await damagedStore(caught)) ?? caught;
    if (e instanceof UserError) {
      // A message can quote a value of the user's file: its control characters are shown, not obeyed, and
      // a word of 300 characters is cut as the notes cut it (tester 167); a path is kept whole, to be used.
      console.error(`safegap: ${cutLongWords(terminalSafe(e.toString(), '\n'), (w) => w.includes('/'))}`);
      // A script reading --json output gets the refusal as JSON too, not an empty stdout.
      if (argv.includes('--json'))
        console.log(
          JSON.stringify(
            {
              error: e.message,
              ...(e.hint ? { hint: e.hint } : {}),
              ...(e.details ? { details: e.details } : {}),
            },
            null,
            2,
          ),
        );
      return 2;
    }
    console.error('safegap: internal error (please report it with the command you ran):');
    console.error(e);
    return 1;
  }
}

// A reader that stops early (`safegap analyze --json | head`) closes the pipe: that ends the output, it
// is not an error worth a stack trace. Any other failure to write it (`> /dev/full`) lost the output with
// exit 0 and no word, as console.log swallows it (tester 100): it is kept to be said at the end.
let outputFailed: NodeJS.ErrnoException | null = null;
// The command goes on to its end, its output dropped: exiting at once stopped `safegap demo | head -1`
// after the synthesis, with no store, no report and exit 0 (tester 104).
let readerGone = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') readerGone = true;
  else if (!readerGone) outputFailed ??= e;
});
// Messages whose reader stopped early (`SAFEGAP_TIMING=1 safegap ingest ... 2>&1 | head`) are dropped, the
// command going on to its end: the error, unhandled, killed an ingest half-written with exit 1 and no word
// (tester 339). There is nowhere left to say it.
process.stderr.on('error', () => {});

// Node writes each chunk to a file with one writeSync and takes no notice of a short count: on a disk
// filling up, `analyze --json > file` kept 4 KB of 3 MB, exit 0 and no word (tester 127). Written until
// whole, the write after a short one fails (ENOSPC, EFBIG), and the handler above keeps that.
if (stdoutIsFile()) {
  const stream = process.stdout as unknown as {
    _write: (chunk: Buffer | string, encoding: BufferEncoding, done: (e?: Error | null) => void) => void;
  };
  stream._write = (chunk, encoding, done) => {
    try {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
      for (let at = 0; at < bytes.length;) at += writeSync(1, bytes, at);
      done();
    } catch (e) {
      done(e as Error);
    }
  };
}

function stdoutIsFile(): boolean {
  try {
    return fstatSync(1).isFile();
  } catch {
    return false; // closed (`safegap ... >&-`): nothing is written anyway
  }
}

/** Exit code `code`, or 2 with a message when what the command printed could not all be written. */
function withOutput(code: number, e: NodeJS.ErrnoException | null | undefined): number {
  if (!e || readerGone || e.code === 'EPIPE') return code;
  const cause =
    e.code === 'ENOSPC'
      ? 'the disk is full'
      : e.code === 'EFBIG'
        ? 'the file would pass the size limit set for it'
        : (e.code ?? e.message);
  const done = code === 0 ? whatWasDone() : null;
  console.error(
    `safegap: ${new UserError(
      `What this command printed could not all be written to its output (${cause}), so that output is incomplete.${code === 0 ? ` What it wrote to the store or to files is whole, and stays${done ? ` (${done})` : ''}.` : ''}`,
      // An ingest run again finds its files ingested already (tester 104): its figures are in the store.
      'send the output where it can be written (free some space, or another file). A command that only reads can be run again; what an ingest did is in the store (`safegap store info --store DIR --json`).',
    ).toString()}`,
  );
  return 2;
}

// Out as soon as the output is written: left to end on its own, Node spends a tenth of a second tearing
// down with Ctrl-C no longer answered, and one then ended a committed ingest with 130 and no word (tester
// 97). Not before: a pipe takes 64 KB at a time, and `analyze --json | wc -c` read 65,536 bytes of three
// megabytes (tester 99).
watchInterrupts();
const code = await main(process.argv);
process.exitCode = code;
process.stdout.write('', (e) => {
  const exit = withOutput(code, outputFailed ?? e);
  process.stderr.write('', () => process.exit(exit));
});
