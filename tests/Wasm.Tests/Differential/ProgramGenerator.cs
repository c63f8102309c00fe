using System.Globalization;
using System.Text;

namespace Hyperlight.Wasm.Tests.Differential;

/// <summary>
/// Seeded generator of random but valid modules: each function takes (i32 i64 f32 f64), has one
/// local per type, runs a few random statements (local/global sets, stores, bounded loops, ifs,
/// br_table) and returns a random expression tree. Expressions mix every numeric operator,
/// comparisons, conversions (trapping and saturating), loads, select, value-carrying blocks and
/// calls to earlier functions. Divisions, truncations and unmasked addresses can trap, on purpose.
/// </summary>
internal sealed class ProgramGenerator(int seed)
{
    private static readonly string[] Types = ["i32", "i64", "f32", "f64"];
    private static readonly string[] IntegerBinary = ["add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr"];
    private static readonly string[] FloatBinary = ["add", "sub", "mul", "div", "min", "max", "copysign"];
    private static readonly string[] FloatUnary = ["abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt"];
    private static readonly string[] IntegerCompare = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"];
    private static readonly string[] FloatCompare = ["eq", "ne", "lt", "gt", "le", "ge"];

    private readonly Random _random = new(seed);
    private readonly List<(string Name, string Result, int Cost)> _functions = [];
    private int _cost;
    private int _loopDepth;

    public List<(string Name, string Wat)> Functions { get; } = [];

    public string Module(int functionCount)
    {
        var text = new StringBuilder("(module\n  (memory 1 2)\n");
        foreach (string t in Types)
            text.Append(CultureInfo.InvariantCulture, $"  (global $g_{t} (mut {t}) ({t}.const 3))\n");
        for (int i = 0; i < functionCount; i++)
        {
            string result = Pick(Types);
            _cost = 1;
            string name = $"f{i}";
            string body = Function(result);
            string wat = $"  (func ${name} (export \"{name}\") (param $p_i32 i32) (param $p_i64 i64) (param $p_f32 f32) (param $p_f64 f64) (result {result})\n" +
                "    (local $l_i32 i32) (local $l_i64 i64) (local $l_f32 f32) (local $l_f64 f64) (local $n0 i32) (local $n1 i32) (local $n2 i32)\n" +
                body + ")\n";
            _functions.Add((name, result, _cost));
            Functions.Add((name, wat));
            text.Append(wat);
        }
        return text.Append(")\n").ToString();
    }

    private string Function(string result)
    {
        var body = new StringBuilder();
        int statements = _random.Next(0, 5);
        for (int i = 0; i < statements; i++)
            body.Append("    ").Append(Statement(2)).Append('\n');
        body.Append("    ").Append(Expression(result, 4));
        return body.ToString();
    }

    private string Statement(int depth)
    {
        int choice = _random.Next(depth > 0 ? 8 : 4);
        string t = Pick(Types);
        switch (choice)
        {
            case 0: return $"(local.set $l_{t} {Expression(t, 3)})";
            case 1: return $"(global.set $g_{t} {Expression(t, 2)})";
            case 2: return $"({t}.store offset={_random.Next(0, 64)} {Address()} {Expression(t, 2)})";
            case 3: return $"(drop {Expression(t, 2)})";
            case 4 when _loopDepth < 3:
            {
                string counter = $"$n{_loopDepth}";
                _loopDepth++;
                string inner = Statement(depth - 1);
                _loopDepth--;
                return $"(local.set {counter} (i32.const 0)) (block (loop (br_if 1 (i32.ge_u (local.get {counter}) (i32.const {_random.Next(1, 6)}))) {inner} (local.set {counter} (i32.add (local.get {counter}) (i32.const 1))) (br 0)))";
            }
            case 5:
                return $"(if {Expression("i32", 2)} (then {Statement(depth - 1)}) (else {Statement(depth - 1)}))";
            case 6:
                return $"(block (block (block (br_table 0 1 2 1 {Expression("i32", 2)})) {Statement(depth - 1)}) {Statement(depth - 1)})";
            case 7 when _random.Next(4) == 0:
                return $"(if {Expression("i32", 1)} (then (unreachable)))";
            default:
                return $"(drop {Expression(t, 2)})";
        }
    }

    /// <summary>An in-bounds address most of the time; sometimes an arbitrary one (may trap).</summary>
    private string Address() =>
        _random.Next(10) == 0 ? Expression("i32", 1) : $"(i32.and {Expression("i32", 1)} (i32.const 0xfff8))";

    private string Expression(string type, int depth)
    {
        if (depth <= 0 || _random.Next(5) == 0)
            return Leaf(type);
        int choice = _random.Next(14);
        bool integer = type[0] == 'i';
        switch (choice)
        {
            case 0 or 1 or 2:
                return integer
                    ? $"({type}.{Pick(IntegerBinary)} {Expression(type, depth - 1)} {Expression(type, depth - 1)})"
                    : $"({type}.{Pick(FloatBinary)} {Expression(type, depth - 1)} {Expression(type, depth - 1)})";
            case 3:
                return integer
                    ? $"({type}.{Pick(type == "i32" ? ["clz", "ctz", "popcnt", "extend8_s", "extend16_s"] : new[] { "clz", "ctz", "popcnt", "extend8_s", "extend16_s", "extend32_s" })} {Expression(type, depth - 1)})"
                    : $"({type}.{Pick(FloatUnary)} {Expression(type, depth - 1)})";
            case 4 when type == "i32":
            {
                string operand = Pick(Types);
                string op = operand[0] == 'i' ? Pick(IntegerCompare) : Pick(FloatCompare);
                return $"({operand}.{op} {Expression(operand, depth - 1)} {Expression(operand, depth - 1)})";
            }
            case 4:
                return $"(select {Expression(type, depth - 1)} {Expression(type, depth - 1)} {Expression("i32", depth - 1)})";
            case 5:
                return Convert(type, depth);
            case 6:
                return Load(type);
            case 7:
                return $"(if (result {type}) {Expression("i32", depth - 1)} (then {Expression(type, depth - 1)}) (else {Expression(type, depth - 1)}))";
            case 8:
                return $"(block (result {type}) (drop (br_if 0 {Expression(type, depth - 1)} {Expression("i32", depth - 1)})) {Expression(type, depth - 1)})";
            case 9:
                return $"(local.tee $l_{type} {Expression(type, depth - 1)})";
            case 10 when _loopDepth == 0:
                return Call(type, depth) ?? Leaf(type);
            case 11 when type == "i32":
                return _random.Next(2) == 0 ? "(memory.size)" : $"(i64.eqz {Expression("i64", depth - 1)})";
            default:
                return $"({type}.{(integer ? "add" : "mul")} {Expression(type, depth - 1)} {Leaf(type)})";
        }
    }

    private string Convert(string type, int depth)
    {
        string sign = _random.Next(2) == 0 ? "s" : "u";
        if (type is "i32" or "i64")
        {
            switch (_random.Next(3))
            {
                case 0:
                    return type == "i32" ? $"(i32.wrap_i64 {Expression("i64", depth - 1)})" : $"(i64.extend_i32_{sign} {Expression("i32", depth - 1)})";
                case 1:
                {
                    string same = type == "i32" ? "f32" : "f64";
                    return $"({type}.reinterpret_{same} {Expression(same, depth - 1)})";
                }
                default:
                {
                    string source = Pick(["f32", "f64"]);
                    string saturating = _random.Next(4) == 0 ? "" : "sat_";
                    return $"({type}.trunc_{saturating}{source}_{sign} {Expression(source, depth - 1)})";
                }
            }
        }
        switch (_random.Next(3))
        {
            case 0:
                return type == "f32" ? $"(f32.demote_f64 {Expression("f64", depth - 1)})" : $"(f64.promote_f32 {Expression("f32", depth - 1)})";
            case 1:
            {
                string same = type == "f32" ? "i32" : "i64";
                return $"({type}.reinterpret_{same} {Expression(same, depth - 1)})";
            }
            default:
            {
                string source = Pick(["i32", "i64"]);
                return $"({type}.convert_{source}_{sign} {Expression(source, depth - 1)})";
            }
        }
    }

    private string Load(string type)
    {
        string form = type switch
        {
            "i32" => Pick(["i32.load", "i32.load8_s", "i32.load8_u", "i32.load16_s", "i32.load16_u"]),
            "i64" => Pick(["i64.load", "i64.load8_s", "i64.load16_u", "i64.load32_s", "i64.load32_u"]),
            _ => $"{type}.load",
        };
        return $"({form} offset={_random.Next(0, 100)} {Address()})";
    }

    private string? Call(string type, int depth)
    {
        var candidates = _functions.Where(f => f.Result == type && _cost + f.Cost <= 64).ToList();
        if (candidates.Count == 0)
            return null;
        var callee = candidates[_random.Next(candidates.Count)];
        _cost += callee.Cost;
        return $"(call ${callee.Name} {Expression("i32", depth - 1)} {Expression("i64", depth - 1)} {Expression("f32", depth - 1)} {Expression("f64", depth - 1)})";
    }

    private string Leaf(string type)
    {
        switch (_random.Next(4))
        {
            case 0: return $"(local.get $p_{type})";
            case 1: return $"(local.get $l_{type})";
            case 2: return $"(global.get $g_{type})";
        }
        ulong[] edges = EdgeValues.For(type switch { "i32" => CoreValueType.I32, "i64" => CoreValueType.I64, "f32" => CoreValueType.F32, _ => CoreValueType.F64 });
        ulong bits = _random.Next(3) == 0 ? (ulong)_random.NextInt64() : edges[_random.Next(edges.Length)];
        return type switch
        {
            "i32" => $"(i32.const {(int)(uint)bits})",
            "i64" => $"(i64.const {(long)bits})",
            "f32" => $"(f32.reinterpret_i32 (i32.const {(int)(uint)bits}))",
            _ => $"(f64.reinterpret_i64 (i64.const {(long)bits}))",
        };
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
