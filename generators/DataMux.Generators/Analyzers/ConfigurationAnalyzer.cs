using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using DataMux.Generators.Diagnostics;
using DataMux.Generators.Models;
using DataMux.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DataMux.Generators.Analyzers;

/// <summary>
/// Warns about model configurations that compile but are known to be poor (DMX0022-DMX0026). An analyzer rather than
/// the generator reports them: diagnostics a source generator reports ignore <c>#pragma warning disable</c>, and these
/// must be suppressible the usual .NET ways. Configurations with an error are left to the generator's errors.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigurationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The widest N the paper measured.</summary>
    private const int WidestMeasured = 40;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.NotMultiplexing, DiagnosticDescriptors.MoreInputsThanDimensions, DiagnosticDescriptors.BeyondMeasuredWidths,
        DiagnosticDescriptors.IdentityMuxesIndistinguishably, DiagnosticDescriptors.PerInputPartsOutweighBackbone);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var multiplexed = start.Compilation.GetTypeByMetadataName(AttributeNames.Multiplexed);
            var transformer = start.Compilation.GetTypeByMetadataName(AttributeNames.Transformer);
            if (multiplexed is null || transformer is null) return;   // the runtime is not referenced: nothing to check
            // [Backbone] (a user's module) is read for its Hidden, [Mlp] and [Cnn] for their sizes; null with a runtime
            // older than them: those models cannot be written there.
            var backbone = start.Compilation.GetTypeByMetadataName(AttributeNames.Backbone);
            var mlp = start.Compilation.GetTypeByMetadataName(AttributeNames.Mlp);
            var cnn = start.Compilation.GetTypeByMetadataName(AttributeNames.Cnn);
            start.RegisterSymbolAction(symbol => Analyze(symbol, multiplexed, transformer, backbone, mlp, cnn), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol multiplexedType, INamedTypeSymbol transformerType,
        INamedTypeSymbol? backboneType, INamedTypeSymbol? mlpType, INamedTypeSymbol? cnnType)
    {
        var attributes = context.Symbol.GetAttributes();
        var multiplexed = attributes.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, multiplexedType));
        var backbones = attributes.Where(a => Is(a, transformerType) || Is(a, backboneType) || Is(a, mlpType) || Is(a, cnnType)).ToList();
        // No backbone, or two (DMX0005, DMX0030): the generator's errors.
        if (multiplexed?.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is not AttributeSyntax syntax || backbones.Count != 1) return;
        var transformer = backbones[0];
        if (Is(transformer, mlpType) || Is(transformer, cnnType))
        {
            AnalyzeImage(context, multiplexed, syntax, Is(transformer, mlpType) ? transformer : null, Is(transformer, cnnType) ? transformer : null);
            return;
        }

        var userBackbone = !Is(transformer, transformerType);

        if (AttributeValues.HasErrors(multiplexed, context.CancellationToken) || AttributeValues.HasErrors(transformer, context.CancellationToken)) return;   // the compiler's errors
        var n = AttributeValues.Int(multiplexed, "N", AttributeDefaults.N);
        var mux = AttributeValues.EnumMember(multiplexed, "Mux", AttributeDefaults.Mux);
        var demux = AttributeValues.EnumMember(multiplexed, "Demux", AttributeDefaults.Demux);
        var hidden = AttributeValues.Int(transformer, "Hidden", AttributeDefaults.Hidden);
        var layers = userBackbone ? 1 : AttributeValues.Int(transformer, "Layers", AttributeDefaults.Layers);
        var feedForward = userBackbone ? 0 : AttributeValues.Int(transformer, "FeedForward", AttributeDefaults.FeedForward);
        if (n < 1 || hidden < 1 || layers < 1 || feedForward < 0 || !Enum.IsDefined(typeof(MuxKind), mux) || !Enum.IsDefined(typeof(DemuxKind), demux))
            return;   // the generator's errors (DMX0008, DMX0009, DMX0014)
        if (mux == "None" || demux == "None") return;   // the plain baseline: N = 1 by design (or DMX0019)

        if (!Written(multiplexed, "N"))
            Report(context, DiagnosticDescriptors.NotMultiplexing, syntax.Name.GetLocation(), context.Symbol.Name);
        if (n > hidden && mux != "BinaryHadamard")   // BinaryHadamard: DMX0013, an error
            Report(context, DiagnosticDescriptors.MoreInputsThanDimensions, ArgumentLocation(syntax, "N"), Text(n), Text(hidden));
        if (n > WidestMeasured)
            Report(context, DiagnosticDescriptors.BeyondMeasuredWidths, ArgumentLocation(syntax, "N"), Text(n));
        if (mux == "Identity" && n > 1)
            Report(context, DiagnosticDescriptors.IdentityMuxesIndistinguishably, ArgumentLocation(syntax, "Mux"), Text(n));

        // A user's backbone has no parameter count the analyzer could know; LearnedKeys' and Contextual's per-input
        // parameters are one d-vector per input (keys, Gaussian vectors), never near an encoder's.
        if (userBackbone) return;
        var encoder = ParameterCounts.Encoder(layers, hidden, feedForward == 0 ? 4L * hidden : feedForward);
        if (n > 1 && mux == "Orthogonal" && n * ParameterCounts.OrthogonalPerInput(hidden) > encoder)
            ReportPerInput(context, ArgumentLocation(syntax, "Mux"), "Mux = Orthogonal", ParameterCounts.OrthogonalPerInput(hidden), n, encoder);
        if (n > 1 && demux == "Mlp" && n * ParameterCounts.MlpDemuxPerInput(hidden) > encoder)
            ReportPerInput(context, ArgumentLocation(syntax, "Demux"), "Demux = Mlp", ParameterCounts.MlpDemuxPerInput(hidden), n, encoder);
    }

    /// <summary>The warnings that apply to an image model ([Mlp] or [Cnn]): the same rules, with its backbone's sizes.</summary>
    private static void AnalyzeImage(SymbolAnalysisContext context, AttributeData multiplexed, AttributeSyntax syntax, AttributeData? mlp, AttributeData? cnn)
    {
        var backbone = (mlp ?? cnn)!;
        if (AttributeValues.HasErrors(multiplexed, context.CancellationToken) || AttributeValues.HasErrors(backbone, context.CancellationToken)) return;
        var n = AttributeValues.Int(multiplexed, "N", AttributeDefaults.N);
        var mux = AttributeValues.EnumMember(multiplexed, "Mux", mlp is not null ? AttributeDefaults.Mux : AttributeDefaults.CnnMux);
        var demux = AttributeValues.EnumMember(multiplexed, "Demux", AttributeDefaults.ImageDemux);
        var hidden = AttributeValues.Int(backbone, "Hidden", mlp is not null ? AttributeDefaults.MlpHidden : AttributeDefaults.CnnHidden);
        var layers = AttributeValues.Int(backbone, "Layers", mlp is not null ? AttributeDefaults.MlpLayers : AttributeDefaults.CnnLayers);
        long backboneParameters;
        if (mlp is not null)
        {
            var inputs = AttributeValues.Int(backbone, "Inputs", AttributeDefaults.MlpInputs);
            if (inputs < 1) return;   // DMX0009
            backboneParameters = ParameterCounts.MlpBackbone(inputs, layers, hidden);
        }
        else
        {
            var channels = AttributeValues.Int(backbone, "Channels", AttributeDefaults.CnnChannels);
            var height = AttributeValues.Int(backbone, "Height", AttributeDefaults.CnnHeight);
            var width = AttributeValues.Int(backbone, "Width", AttributeDefaults.CnnWidth);
            var filters = AttributeValues.Int(backbone, "Filters", AttributeDefaults.CnnFilters);
            if (channels < 1 || filters < 1 || layers >= 31 || height >> Math.Max(layers, 0) < 1 || width >> Math.Max(layers, 0) < 1) return;   // DMX0009, DMX0034
            backboneParameters = ParameterCounts.CnnBackbone(channels, height, width, layers, filters, hidden);
        }

        if (n < 1 || hidden < 1 || layers < 1 || !Enum.IsDefined(typeof(MuxKind), mux) || !Enum.IsDefined(typeof(DemuxKind), demux)) return;   // the generator's errors
        if (mux == "None" || demux is not ("Mlp" or "LearnedKeys")) return;   // the plain baseline, or DMX0019 / DMX0033

        if (!Written(multiplexed, "N"))
            Report(context, DiagnosticDescriptors.NotMultiplexing, syntax.Name.GetLocation(), context.Symbol.Name);
        if (n > hidden && mux != "BinaryHadamard")
            Report(context, DiagnosticDescriptors.MoreInputsThanDimensions, ArgumentLocation(syntax, "N"), Text(n), Text(hidden));
        if (n > WidestMeasured)
            Report(context, DiagnosticDescriptors.BeyondMeasuredWidths, ArgumentLocation(syntax, "N"), Text(n));
        if (mux == "Identity" && n > 1)
            Report(context, DiagnosticDescriptors.IdentityMuxesIndistinguishably, ArgumentLocation(syntax, "Mux"), Text(n));
        if (n > 1 && mux == "Orthogonal" && mlp is not null && n * ParameterCounts.OrthogonalPerInput(hidden) > backboneParameters)
            ReportPerInput(context, ArgumentLocation(syntax, "Mux"), "Mux = Orthogonal", ParameterCounts.OrthogonalPerInput(hidden), n, backboneParameters);
        // LearnedKeys' per-input parameters are one d-vector per input (its keys), never near a backbone's.
        if (n > 1 && demux == "Mlp" && n * ParameterCounts.ImageDemuxPerInput(hidden) > backboneParameters)
            ReportPerInput(context, ArgumentLocation(syntax, "Demux"), "Demux = Mlp", ParameterCounts.ImageDemuxPerInput(hidden), n, backboneParameters);
    }

    private static bool Is(AttributeData attribute, INamedTypeSymbol? type) =>
        type is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, type);

    private static void ReportPerInput(SymbolAnalysisContext context, Location location, string part, long perInput, int n, long encoder) =>
        Report(context, DiagnosticDescriptors.PerInputPartsOutweighBackbone, location, part, Text(perInput), Text(perInput * n), Text(n), Text(encoder));

    private static void Report(SymbolAnalysisContext context, DiagnosticDescriptor descriptor, Location location, params object[] arguments) =>
        context.ReportDiagnostic(Diagnostic.Create(descriptor, location, arguments));

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool Written(AttributeData attribute, string name) => attribute.NamedArguments.Any(a => a.Key == name);

    /// <summary>Where the named argument is written (the attribute's name when it is not).</summary>
    private static Location ArgumentLocation(AttributeSyntax attribute, string name) =>
        (attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name) as SyntaxNode ?? attribute.Name).GetLocation();
}
