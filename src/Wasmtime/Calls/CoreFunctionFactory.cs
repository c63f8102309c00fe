using global::Wasmtime;

namespace Hyperlight.Wasmtime.Calls;

/// <summary>
/// Picks the typed <see cref="CoreFunction"/> for an export's core signature. Each step fixes one
/// more type argument with a switch, so every instantiation is spelled out statically: no reflection,
/// no <c>MakeGenericType</c>. Up to four parameters are typed; longer signatures use <see cref="BoxedCoreFunction"/>.
/// </summary>
internal static class CoreFunctionFactory
{
    private const int MaxTypedParameters = 4;

    public static CoreFunction Create(Instance instance, string export, CoreValueType[] parameters, CoreValueType? result)
    {
        var target = new Target(instance, export, parameters, result);
        if (parameters.Length > MaxTypedParameters)
            return new BoxedCoreFunction(Required(instance.GetFunction(export), target), parameters, result);
        return With0(target);
    }

    private readonly record struct Target(Instance Instance, string Export, CoreValueType[] Parameters, CoreValueType? Result);

    private static CoreFunction With0(Target t) => t.Parameters.Length == 0 ? Finish0(t) : t.Parameters[0] switch
    {
        CoreValueType.I32 => With1<int>(t),
        CoreValueType.I64 => With1<long>(t),
        CoreValueType.F32 => With1<float>(t),
        _ => With1<double>(t),
    };

    private static CoreFunction With1<T1>(Target t) => t.Parameters.Length == 1 ? Finish1<T1>(t) : t.Parameters[1] switch
    {
        CoreValueType.I32 => With2<T1, int>(t),
        CoreValueType.I64 => With2<T1, long>(t),
        CoreValueType.F32 => With2<T1, float>(t),
        _ => With2<T1, double>(t),
    };

    private static CoreFunction With2<T1, T2>(Target t) => t.Parameters.Length == 2 ? Finish2<T1, T2>(t) : t.Parameters[2] switch
    {
        CoreValueType.I32 => With3<T1, T2, int>(t),
        CoreValueType.I64 => With3<T1, T2, long>(t),
        CoreValueType.F32 => With3<T1, T2, float>(t),
        _ => With3<T1, T2, double>(t),
    };

    private static CoreFunction With3<T1, T2, T3>(Target t) => t.Parameters.Length == 3 ? Finish3<T1, T2, T3>(t) : t.Parameters[3] switch
    {
        CoreValueType.I32 => Finish4<T1, T2, T3, int>(t),
        CoreValueType.I64 => Finish4<T1, T2, T3, long>(t),
        CoreValueType.F32 => Finish4<T1, T2, T3, float>(t),
        _ => Finish4<T1, T2, T3, double>(t),
    };

    private static CoreFunction Finish0(Target t) => t.Result switch
    {
        null => new CoreAction0(Required(t.Instance.GetAction(t.Export), t)),
        CoreValueType.I32 => new CoreFunc0<int>(Required(t.Instance.GetFunction<int>(t.Export), t)),
        CoreValueType.I64 => new CoreFunc0<long>(Required(t.Instance.GetFunction<long>(t.Export), t)),
        CoreValueType.F32 => new CoreFunc0<float>(Required(t.Instance.GetFunction<float>(t.Export), t)),
        _ => new CoreFunc0<double>(Required(t.Instance.GetFunction<double>(t.Export), t)),
    };

    private static CoreFunction Finish1<T1>(Target t) => t.Result switch
    {
        null => new CoreAction1<T1>(Required(t.Instance.GetAction<T1>(t.Export), t)),
        CoreValueType.I32 => new CoreFunc1<T1, int>(Required(t.Instance.GetFunction<T1, int>(t.Export), t)),
        CoreValueType.I64 => new CoreFunc1<T1, long>(Required(t.Instance.GetFunction<T1, long>(t.Export), t)),
        CoreValueType.F32 => new CoreFunc1<T1, float>(Required(t.Instance.GetFunction<T1, float>(t.Export), t)),
        _ => new CoreFunc1<T1, double>(Required(t.Instance.GetFunction<T1, double>(t.Export), t)),
    };

    private static CoreFunction Finish2<T1, T2>(Target t) => t.Result switch
    {
        null => new CoreAction2<T1, T2>(Required(t.Instance.GetAction<T1, T2>(t.Export), t)),
        CoreValueType.I32 => new CoreFunc2<T1, T2, int>(Required(t.Instance.GetFunction<T1, T2, int>(t.Export), t)),
        CoreValueType.I64 => new CoreFunc2<T1, T2, long>(Required(t.Instance.GetFunction<T1, T2, long>(t.Export), t)),
        CoreValueType.F32 => new CoreFunc2<T1, T2, float>(Required(t.Instance.GetFunction<T1, T2, float>(t.Export), t)),
        _ => new CoreFunc2<T1, T2, double>(Required(t.Instance.GetFunction<T1, T2, double>(t.Export), t)),
    };

    private static CoreFunction Finish3<T1, T2, T3>(Target t) => t.Result switch
    {
        null => new CoreAction3<T1, T2, T3>(Required(t.Instance.GetAction<T1, T2, T3>(t.Export), t)),
        CoreValueType.I32 => new CoreFunc3<T1, T2, T3, int>(Required(t.Instance.GetFunction<T1, T2, T3, int>(t.Export), t)),
        CoreValueType.I64 => new CoreFunc3<T1, T2, T3, long>(Required(t.Instance.GetFunction<T1, T2, T3, long>(t.Export), t)),
        CoreValueType.F32 => new CoreFunc3<T1, T2, T3, float>(Required(t.Instance.GetFunction<T1, T2, T3, float>(t.Export), t)),
        _ => new CoreFunc3<T1, T2, T3, double>(Required(t.Instance.GetFunction<T1, T2, T3, double>(t.Export), t)),
    };

    private static CoreFunction Finish4<T1, T2, T3, T4>(Target t) => t.Result switch
    {
        null => new CoreAction4<T1, T2, T3, T4>(Required(t.Instance.GetAction<T1, T2, T3, T4>(t.Export), t)),
        CoreValueType.I32 => new CoreFunc4<T1, T2, T3, T4, int>(Required(t.Instance.GetFunction<T1, T2, T3, T4, int>(t.Export), t)),
        CoreValueType.I64 => new CoreFunc4<T1, T2, T3, T4, long>(Required(t.Instance.GetFunction<T1, T2, T3, T4, long>(t.Export), t)),
        CoreValueType.F32 => new CoreFunc4<T1, T2, T3, T4, float>(Required(t.Instance.GetFunction<T1, T2, T3, T4, float>(t.Export), t)),
        _ => new CoreFunc4<T1, T2, T3, T4, double>(Required(t.Instance.GetFunction<T1, T2, T3, T4, double>(t.Export), t)),
    };

    // The signature was checked against the module before we get here, so Wasmtime finding no
    // function of this type means the two disagree about the module: a bug, not bad input.
    private static T Required<T>(T? function, Target t) where T : class =>
        function ?? throw new InvalidOperationException($"Wasmtime has no function '{t.Export}' with the checked signature.");
}
