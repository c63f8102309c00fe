using Hyperlight.Bindings;
using Hyperlight.Wasmtime.Calls;
using global::Wasmtime;

namespace Hyperlight.Wasmtime.Linking;

/// <summary>
/// Checks that an export implements a guest interface method under the canonical flattening, and
/// builds its specialised invoker (plus its <c>cabi_post_&lt;name&gt;</c>, if the module has one).
/// </summary>
internal static class GuestExportResolver
{
    public const string PostReturnPrefix = "cabi_post_";

    /// <param name="exports">The main module's exports, where the function and its cabi_post_ helper are found.</param>
    /// <param name="staging">Where its strings and bytes travel: the memory of the module whose code it runs.</param>
    public static GuestExport Resolve(FunctionDescriptor function, ModuleExports exports, Instance instance, StagingMemory staging, HostCallGuard guard)
    {
        var expected = CoreSignature.ForExport(function);
        string method = $"Guest method {function.MethodName} ({function})";
        Export? export = exports.Find(function.Name);
        if (export is null)
            throw new GuestBindingException(
                $"{method} needs an export named '{function.Name}' {expected}, but the module has none. {exports.Describe()}");
        if (export is not FunctionExport functionExport)
            throw new GuestBindingException(
                $"{method} needs export '{function.Name}' to be a function {expected}, but it is {ModuleDescription.Describe(export)}. {exports.Describe()}");
        var actual = new CoreSignature(functionExport.Parameters, functionExport.Results);
        if (!actual.Equals(expected))
            throw new GuestBindingException(
                $"{method} does not match export '{function.Name}': the method flattens to {expected}, the export is {actual}. {exports.Describe()}");

        if (function.Parameters.Any(AbiFlattening.IsPointerAndLength))
            staging.Exports.RequireRealloc(method);
        else if (function.Result.IsPointerAndLength())
            staging.Exports.RequireMemory(method);

        CoreValueType[] parameters = Numbers(expected.Parameters);
        CoreValueType[] results = Numbers(expected.Results);
        CoreFunction invoker = CoreFunctionFactory.Create(instance, function.Name, parameters, results.Length == 0 ? null : results[0]);
        return new GuestExport(function, parameters.Length, invoker, PostReturn(function, results, exports, instance), staging.Memory, guard);
    }

    /// <summary>The canonical ABI's post-return hook receives the flattened results and returns nothing.</summary>
    private static CoreFunction? PostReturn(FunctionDescriptor function, CoreValueType[] results, ModuleExports exports, Instance instance)
    {
        string name = PostReturnPrefix + function.Name;
        Export? export = exports.Find(name);
        if (export is null)
            return null;
        var expected = new CoreSignature(results.Select(CoreSignature.Kind).ToArray(), []);
        if (export is not FunctionExport post || !new CoreSignature(post.Parameters, post.Results).Equals(expected))
            throw new GuestBindingException(
                $"Export '{name}' is the post-return hook of '{function.Name}' and must be a function {expected}, but it is {ModuleDescription.Describe(export)}.");
        return CoreFunctionFactory.Create(instance, name, Numbers(expected.Parameters), null);
    }

    private static CoreValueType[] Numbers(ValueKind[] kinds) =>
        CoreSignature.Numbers(kinds) ?? throw new InvalidOperationException("A flattened signature holds only number types.");
}

/// <summary>The memory an export's strings and bytes travel in, and the exports of the module that owns it (for the checks that it exports the memory and cabi_realloc).</summary>
internal sealed record StagingMemory(ModuleExports Exports, GuestMemory Memory);
