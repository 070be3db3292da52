import { describe, expect, it } from 'vitest';
import { goFormatFloat, goNumber, goQuote, goSharpV, goSprint, goSprintln, goV } from '../../src/sim/cli/format/go-fmt';
import { goJsonMarshal, goJsonString } from '../../src/sim/cli/format/go-json';
import { goSprintf } from '../../src/sim/cli/format/go-printf';
import { GoFloat, goMap, goStruct, goTruth } from '../../src/sim/cli/format/go-value';

describe('floats as strconv.FormatFloat / fmt %v print them', () => {
  it.each([
    [0.5, 'g', -1, '0.5'],
    [1e21, 'g', -1, '1e+21'],
    [1e6, 'g', -1, '1e+06'],
    [123456, 'g', -1, '123456'],
    [1234567.5, 'g', -1, '1.2345675e+06'],
    [0.00001, 'g', -1, '1e-05'],
    [0.0001, 'g', -1, '0.0001'],
    [-2.5, 'g', -1, '-2.5'],
    [3.14159, 'f', 2, '3.14'],
    [3.14159, 'f', 6, '3.141590'],
    [2.5, 'f', 0, '2'],
    [3.5, 'f', 0, '4'],
    [1e21, 'f', 1, '1000000000000000000000.0'],
    [12345.678, 'e', 2, '1.23e+04'],
    [1e-10, 'e', 6, '1.000000e-10'],
    [1234567, 'g', 3, '1.23e+06'],
    [100000, 'g', -1, '100000'],
  ] as const)('%d %s %d → %s', (n, f, p, want) => {
    expect(goFormatFloat(n, f, p)).toBe(want);
  });

  it('ints stay ints, integral literals marked as floats print as floats', () => {
    expect(goNumber(1000000)).toBe('1000000');
    expect(goV(new GoFloat(1e6), 'map')).toBe('1e+06');
    expect(goNumber(2 ** 64)).toBe('1.8446744073709552e+19');
  });
});

describe('%v', () => {
  it('maps sort their keys; structs keep field order', () => {
    const labels = goMap({ z: '1', a: '2' });
    expect(goV({ Name: 'web', Labels: labels, Ports: [80, 443], Env: null }, 'struct')).toBe('{web map[a:2 z:1] [80 443] <nil>}');
    expect(goV({ b: 1, a: { d: true, c: [] } }, 'map')).toBe('map[a:map[c:[] d:true] b:1]');
    expect(goV(goStruct({ B: 1, A: 2 }), 'map')).toBe('{1 2}');
    expect(goV({ B: 1, A: 2 }, 'struct', true)).toBe('{B:1 A:2}');
  });

  it('%#v as kubectl dumps unstructured objects', () => {
    expect(goSharpV({ b: [1, 'x', null], a: { n: 0.5 } })).toBe(
      'map[string]interface {}{"a":map[string]interface {}{"n":0.5}, "b":[]interface {}{1, "x", interface {}(nil)}}',
    );
  });

  it('strconv.Quote', () => {
    expect(goQuote('a"b\\c\n\t\x01é😀\u2028')).toBe('"a\\"b\\\\c\\n\\t\\x01é😀\\u2028"');
  });

  it('Sprint / Sprintln spacing', () => {
    expect(goSprint(['a', 1, 2, 'b', 3], 'struct')).toBe('a1 2b3');
    expect(goSprintln(['a', 1, true], 'struct')).toBe('a 1 true\n');
  });

  it('truthiness', () => {
    expect([0, '', [], null, undefined, false, goMap({})].map((v) => goTruth(v))).toEqual([false, false, false, false, false, false, false]);
    expect([1, 'x', [0], true, {}, goMap({ a: 1 })].map((v) => goTruth(v))).toEqual([true, true, true, true, true, true]);
  });
});

describe('Sprintf', () => {
  it.each([
    ['%s|%5s|%-5s|%.2s', ['ab', 'ab', 'ab', 'abc'], 'ab|   ab|ab   |ab'],
    ['%d|%5d|%-5d|%05d|%+d|%x|%X|%o|%b', [7, 7, 7, -7, 7, 255, 255, 8, 5], '7|    7|7    |-0007|+7|ff|FF|10|101'],
    ['%v %v %v %v', [1, 'a', true, null], '1 a true <nil>'],
    ['%q %q', ['hi', 65], '"hi" \'A\''],
    ['%d', ['x'], '%!d(string=x)'],
    ['%d %d', [1], '1 %!d(MISSING)'],
    ['%d', [1, 2], '1%!(EXTRA int=2)'],
    ['%', [], '%!(NOVERB)'],
    ['%z', [1], '%!z(int=1)'],
    ['%[2]d %[1]d', [1, 2], '2 1'],
    ['%*d|%.*f', [4, 1, 1, 3.14159], '   1|3.1'],
    ['%6.2f|%e|%g', [3.14159, 1234.5678, 0.00001234], '  3.14|1.234568e+03|1.234e-05'],
    ['%t %t', [true, 1], 'true %!t(int=1)'],
    ['%s', [['a', 'b']], '[a b]'],
    ['%x', ['hi'], '6869'],
    ['%%', [], '%'],
  ])('%s', (format, args, want) => {
    expect(goSprintf(format, args, 'struct')).toBe(want);
  });
});

describe('encoding/json', () => {
  it('escapes like Go', () => {
    expect(goJsonString('<a href="x">&\u2028\u0001\b\f\n\r\t\\é😀')).toBe('"\\u003ca href=\\"x\\"\\u003e\\u0026\\u2028\\u0001\\b\\f\\n\\r\\t\\\\é😀"');
    expect(goJsonString('<&>', false)).toBe('"<&>"');
    expect(goJsonString('\ud800')).toBe('"\\ufffd"');
  });

  it('compact and indented, maps sorted, structs in order', () => {
    const v = { b: 1, a: [1.5, 1e21, 1e-7, null, true], c: {}, d: [] };
    expect(goJsonMarshal(v)).toBe('{"a":[1.5,1e+21,1e-7,null,true],"b":1,"c":{},"d":[]}');
    expect(goJsonMarshal(v, { objects: 'struct' })).toBe('{"b":1,"a":[1.5,1e+21,1e-7,null,true],"c":{},"d":[]}');
    expect(goJsonMarshal({ a: [1], b: {} }, { indent: '  ' })).toBe('{\n  "a": [\n    1\n  ],\n  "b": {}\n}');
    expect(goJsonMarshal({ x: undefined, f: () => 1, y: 2 })).toBe('{"y":2}');
  });
});
