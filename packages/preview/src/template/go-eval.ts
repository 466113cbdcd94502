import { TemplateExecError } from './errors.js';
import { CallError, SHORT_CIRCUIT, type FunctionMap, type GoFunction, type ParamType } from './go-builtins.js';
import type { Command, Operand, Pipe, TemplateNode } from './go-parser.js';
import { GoInt, isMap, printValue, truth, typeName, type GoValue } from './go-value.js';

/** `goTemplateOptions: ["missingkey=…"]`: what a missing map key gives. `default` and `invalid` are the same. */
export type MissingKey = 'default' | 'zero' | 'error';

/** No value flows into the command from a previous one in the pipeline. */
const NO_FINAL = Symbol('no final value');
type Final = GoValue | typeof NO_FINAL;

class Break {}
class Continue {}

/**
 * Runs a parsed template on `data` with text/template's semantics: fields of maps, variables with
 * block scope, pipelines passing their value as the last argument, and `missingkey` honoured.
 */
export function execute(nodes: readonly TemplateNode[], data: GoValue, functions: FunctionMap, missingKey: MissingKey): string {
  const state = new State(data, functions, missingKey);
  state.walkList(nodes, data);
  return state.out;
}

class State {
  out = '';
  private readonly vars: { name: string; value: GoValue }[];

  constructor(
    data: GoValue,
    private readonly functions: FunctionMap,
    private readonly missingKey: MissingKey,
  ) {
    this.vars = [{ name: '$', value: data }];
  }

  walkList(nodes: readonly TemplateNode[], dot: GoValue): void {
    for (const node of nodes) this.walk(node, dot);
  }

  private walk(node: TemplateNode, dot: GoValue): void {
    switch (node.kind) {
      case 'text':
        this.out += node.text;
        return;
      case 'action': {
        const value = this.pipeline(node.pipe, dot);
        if (node.pipe.decl.length === 0) this.out += printValue(value);
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const value = this.pipeline(node.pipe, dot);
        if (truth(value)) this.walkList(node.body, node.kind === 'with' ? value : dot);
        else if (node.otherwise) this.walkList(node.otherwise, dot);
        this.vars.length = mark;
        return;
      }
      case 'range':
        this.range(node, dot);
        return;
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
    }
  }

  private range(node: Extract<TemplateNode, { kind: 'range' }>, dot: GoValue): void {
    const mark = this.vars.length;
    const value = located(node.pipe, () => this.commands(node.pipe, dot));
    const entries = located(node.pipe, () => iterate(value));
    if (entries.length === 0) {
      if (node.otherwise) this.walkList(node.otherwise, dot);
      return;
    }
    for (const [key, element] of entries) {
      this.vars.length = mark;
      const [first, second] = node.pipe.decl;
      if (second !== undefined) this.vars.push({ name: first!, value: key }, { name: second, value: element });
      else if (first !== undefined) this.vars.push({ name: first, value: element });
      try {
        this.walkList(node.body, element);
      } catch (signal) {
        if (signal instanceof Break) break;
        if (!(signal instanceof Continue)) throw signal;
      }
    }
    this.vars.length = mark;
  }

  private pipeline(pipe: Pipe, dot: GoValue): GoValue {
    const value = located(pipe, () => this.commands(pipe, dot));
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.variable(name).value = value;
      else this.vars.push({ name, value });
    }
    return value;
  }

  private commands(pipe: Pipe, dot: GoValue): GoValue {
    let value: Final = NO_FINAL;
    for (const command of pipe.cmds) value = this.command(command, dot, value);
    return value === NO_FINAL ? undefined : value;
  }

  private command(command: Command, dot: GoValue, final: Final): GoValue {
    const [first, ...rest] = command.args as [Operand, ...Operand[]];
    const hasArgs = rest.length > 0 || final !== NO_FINAL;
    switch (first.kind) {
      case 'field':
        return this.fieldChain(dot, first.names, hasArgs);
      case 'variable':
        if (first.fields.length > 0) return this.fieldChain(this.variable(first.name).value, first.fields, hasArgs);
        notAFunction(first.name, hasArgs);
        return this.variable(first.name).value;
      case 'chain':
        return this.fieldChain(this.operand(first.target, dot), first.fields, hasArgs);
      case 'function':
        return this.call(first.name, rest, dot, final);
      case 'pipe':
        notAFunction('(pipeline)', hasArgs);
        return this.commands(first.pipe, dot);
      case 'dot':
        notAFunction('.', hasArgs);
        return dot;
      case 'nil':
        throw new TemplateExecError('nil is not a command');
      case 'constant':
        notAFunction(first.text, hasArgs);
        return first.value;
    }
  }

  /** An operand used as an argument: evaluated alone, with nothing flowing into it. */
  private operand(operand: Operand, dot: GoValue): GoValue {
    // nil is no command, but it is an argument: a nil interface.
    if (operand.kind === 'nil') return null;
    return this.command({ args: [operand] }, dot, NO_FINAL);
  }

  private fieldChain(receiver: GoValue, names: readonly string[], hasArgs: boolean): GoValue {
    let value = receiver;
    names.forEach((name, i) => (value = this.field(value, name, hasArgs && i === names.length - 1)));
    return value;
  }

  private field(receiver: GoValue, name: string, hasArgs: boolean): GoValue {
    if (receiver === undefined) {
      if (this.missingKey === 'error') throw new TemplateExecError(`nil data; no entry for key "${name}"`);
      return undefined;
    }
    if (receiver === null) throw new TemplateExecError(`nil pointer evaluating interface {}.${name}`);
    if (!isMap(receiver)) throw new TemplateExecError(`can't evaluate field ${name} in type ${typeName(receiver)}`);
    if (hasArgs) throw new TemplateExecError(`${name} is not a method but has arguments`);
    if (Object.hasOwn(receiver, name)) return receiver[name];
    if (this.missingKey === 'error') throw new TemplateExecError(`map has no entry for key "${name}"`);
    return this.missingKey === 'zero' ? null : undefined;
  }

  private variable(name: string): { name: string; value: GoValue } {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!;
    throw new TemplateExecError(`undefined variable: ${name}`);
  }

  private call(name: string, args: readonly Operand[], dot: GoValue, final: Final): GoValue {
    if (SHORT_CIRCUIT.has(name)) return this.shortCircuit(name, args, dot, final);
    const fn = this.functions[name]!;
    const values = args.map((a) => this.operand(a, dot));
    if (final !== NO_FINAL) values.push(final);
    checkArity(name, fn, values.length);
    const converted = values.map((v, i) => convert(name, v, fn.params[i] ?? fn.variadic!));
    try {
      return fn.call(...converted);
    } catch (cause) {
      if (cause instanceof CallError) throw new TemplateExecError(`error calling ${name}: ${cause.message}`);
      throw cause;
    }
  }

  private shortCircuit(name: string, args: readonly Operand[], dot: GoValue, final: Final): GoValue {
    const count = args.length + (final === NO_FINAL ? 0 : 1);
    if (count === 0) throw new TemplateExecError(`wrong number of args for ${name}: want at least 1 got 0`);
    let value: GoValue;
    for (let i = 0; i < count; i++) {
      value = i < args.length ? this.operand(args[i]!, dot) : (final as GoValue);
      if (truth(value) === (name === 'or')) return value;
    }
    return value;
  }
}

function notAFunction(what: string, hasArgs: boolean): void {
  if (hasArgs) throw new TemplateExecError(`can't give argument to non-function ${what}`);
}

function checkArity(name: string, fn: GoFunction, count: number): void {
  const want = fn.params.length;
  if (fn.variadic ? count < want : count !== want) {
    throw new TemplateExecError(`wrong number of args for ${name}: want ${fn.variadic ? 'at least ' : ''}${want} got ${count}`);
  }
}

/** text/template's validateType: an argument must fit the parameter, with no conversion between types. */
function convert(name: string, value: GoValue, type: ParamType): GoValue {
  if (type === 'value') return value;
  if (type === 'any') return value === undefined ? null : value;
  if (value === undefined) throw new TemplateExecError(`error calling ${name}: invalid value; expected ${goType(type)}`);
  const fits = type === 'string' ? typeof value === 'string' : type === 'bool' ? typeof value === 'boolean' : value instanceof GoInt;
  if (!fits) throw new TemplateExecError(`error calling ${name}: wrong type for value; expected ${goType(type)}; got ${typeName(value)}`);
  return value;
}

const goType = (type: ParamType): string => (type === 'int' ? 'int' : type === 'bool' ? 'bool' : 'string');

/** What `range` walks: a list's index and element, a map's keys in order, or 0…n-1 for an int. */
function iterate(value: GoValue): [GoValue, GoValue][] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((element, i) => [new GoInt(i), element]);
  if (isMap(value)) return Object.keys(value).sort().map((key) => [key, value[key]]);
  if (value instanceof GoInt) return Array.from({ length: Math.max(0, value.value) }, (_, i) => [new GoInt(i), new GoInt(i)]);
  throw new TemplateExecError(`range can't iterate over ${printValue(value)}`);
}

/** Names the action an error happened in, as Go does with `at <.name>`. */
function located<T>(pipe: Pipe, run: () => T): T {
  try {
    return run();
  } catch (cause) {
    if (cause instanceof TemplateExecError && cause.action === undefined) throw new TemplateExecError(cause.message, pipe.source);
    throw cause;
  }
}
