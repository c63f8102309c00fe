namespace Hyperlight.Wasmtime.Calls;

/// <summary>
/// One exported Wasm function, callable with its core arguments in slot form (see <see cref="CoreValue"/>)
/// and returning its result, if any, in slot form (0 when it has none). Built once per export by
/// <see cref="CoreFunctionFactory"/>; a call through a typed implementation allocates nothing.
/// </summary>
internal abstract class CoreFunction
{
    public abstract ulong Call(ReadOnlySpan<ulong> arguments);
}

// Typed implementations over Wasmtime's own typed delegates (its fast, non-boxing call path): one
// class per arity, with and without a result. T* are int, long, float or double.

internal sealed class CoreAction0(Action function) : CoreFunction
{
    public override ulong Call(ReadOnlySpan<ulong> arguments)
    {
        function();
        return 0;
    }
}

internal sealed class CoreAction1<T1>(Action<T1> function) : CoreFunction
{
    public override ulong Call(ReadOnlySpan<ulong> arguments)
    {
        function(CoreValue.FromRaw<T1>(arguments[0]));
        return 0;
    }
}

internal sealed class CoreAction2<T1, T2>(Action<T1, T2> function) : CoreFunction
{
    public override ulong Call(ReadOnlySpan<ulong> arguments)
    {
        function(CoreValue.FromRaw<T1>(arguments[0]), CoreValue.FromRaw<T2>(arguments[1]));
        return 0;
    }
}

internal sealed class CoreAction3<T1, T2, T3>(Action<T1, T2, T3> function) : CoreFunction
{
    public override ulong Call(ReadOnlySpan<ulong> arguments)
    {
        function(CoreValue.FromRaw<T1>(arguments[0]), CoreValue.FromRaw<T2>(arguments[1]), CoreValue.FromRaw<T3>(arguments[2]));
        return 0;
    }
}

internal sealed class CoreAction4<T1, T2, T3, T4>(Action<T1, T2, T3, T4> function) : CoreFunction
{
    public override ulong Call(ReadOnlySpan<ulong> arguments)
    {
        function(CoreValue.FromRaw<T1>(arguments[0]), CoreValue.FromRaw<T2>(arguments[1]), CoreValue.FromRaw<T3>(arguments[2]), CoreValue.FromRaw<T4>(arguments[3]));
        return 0;
    }
}

internal sealed class CoreFunc0<TResult>(Func<TResult> function) : CoreFunction
{
    public override ulong Call(ReadOnlySpan<ulong> arguments) => CoreValue.ToRaw(function());
}

internal sealed class CoreFunc1<T1, TResult>(Func<T1, TResult> function) : CoreFunction
{
    public override ulong Call(ReadOnlySpan<ulong> arguments) =>
        CoreValue.ToRaw(function(CoreValue.FromRaw<T1>(arguments[0])));
}

internal sealed class CoreFunc2<T1, T2, TResult>(Func<T1, T2, TResult> function) : CoreFunction
{
    public override ulong Call(ReadOnlySpan<ulong> arguments) =>
        CoreValue.ToRaw(function(CoreValue.FromRaw<T1>(arguments[0]), CoreValue.FromRaw<T2>(arguments[1])));
}

internal sealed class CoreFunc3<T1, T2, T3, TResult>(Func<T1, T2, T3, TResult> function) : CoreFunction
{
    public override ulong Call(ReadOnlySpan<ulong> arguments) =>
        CoreValue.ToRaw(function(CoreValue.FromRaw<T1>(arguments[0]), CoreValue.FromRaw<T2>(arguments[1]), CoreValue.FromRaw<T3>(arguments[2])));
}

internal sealed class CoreFunc4<T1, T2, T3, T4, TResult>(Func<T1, T2, T3, T4, TResult> function) : CoreFunction
{
    public override ulong Call(ReadOnlySpan<ulong> arguments) =>
        CoreValue.ToRaw(function(CoreValue.FromRaw<T1>(arguments[0]), CoreValue.FromRaw<T2>(arguments[1]), CoreValue.FromRaw<T3>(arguments[2]), CoreValue.FromRaw<T4>(arguments[3])));
}
