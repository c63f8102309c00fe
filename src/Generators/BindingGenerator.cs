using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Hyperlight.Generators.Emitting;
using Hyperlight.Generators.Model;
using Hyperlight.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Hyperlight.Generators;

/// <summary>
/// Generates the typed bindings of <c>[GuestFunction]</c> and <c>[HostFunction]</c> interfaces.
/// The pipeline carries only equatable models (see <see cref="Model"/>), so edits that do not touch
/// a binding interface reuse every cached step and emit nothing new.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class BindingGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<InterfaceModel> guests = Interfaces(
            context, AttributeNames.GuestFunctionMetadataName, BindingKind.Guest,
            TrackingNames.GuestTargets, TrackingNames.GuestInterfaces, TrackingNames.GuestInterface);
        context.RegisterSourceOutput(guests, static (output, model) => output.AddSource(model.HintName, GuestEmitter.Emit(model)));

        IncrementalValuesProvider<InterfaceModel> hosts = Interfaces(
            context, AttributeNames.HostFunctionMetadataName, BindingKind.Host,
            TrackingNames.HostTargets, TrackingNames.HostInterfaces, TrackingNames.HostInterface);
        context.RegisterSourceOutput(hosts, static (output, model) => output.AddSource(model.HintName, HostEmitter.Emit(model)));
    }

    /// <summary>
    /// One model per interface carrying <paramref name="attributeName"/> on itself or on any of its
    /// methods. Several marked methods of one interface yield equal models, merged after collecting.
    /// </summary>
    private static IncrementalValuesProvider<InterfaceModel> Interfaces(
        IncrementalGeneratorInitializationContext context, string attributeName, BindingKind kind,
        string targetsStep, string distinctStep, string perInterfaceStep)
    {
        IncrementalValuesProvider<InterfaceModel> targets = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attributeName,
                static (node, _) => node is InterfaceDeclarationSyntax || node is MethodDeclarationSyntax { Parent: InterfaceDeclarationSyntax },
                (attributeContext, cancellationToken) => InterfaceParser.Parse(attributeContext, kind, cancellationToken))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(targetsStep);

        return targets
            .Collect()
            .Select(static (models, _) => Distinct(models))
            .WithTrackingName(distinctStep)
            .SelectMany(static (models, _) => models)
            .WithTrackingName(perInterfaceStep);
    }

    /// <summary>Drops duplicate models and gives each remaining one a hint name no other file has (hint names compare case-insensitively).</summary>
    private static EquatableArray<InterfaceModel> Distinct(ImmutableArray<InterfaceModel> models)
    {
        var seen = new HashSet<InterfaceModel>();
        var hintNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<InterfaceModel>(models.Length);
        foreach (InterfaceModel model in models)
        {
            if (!seen.Add(model))
                continue;
            string hintName = HintNames.WithSuffix(model.HintName, 0);
            for (int n = 1; !hintNames.Add(hintName); n++)
                hintName = HintNames.WithSuffix(model.HintName, n);
            result.Add(model with { HintName = hintName });
        }
        return new EquatableArray<InterfaceModel>(result.ToArray());
    }
}
