using System.Linq;
using DataMux.Generators.Emitting;
using DataMux.Generators.Models;
using DataMux.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DataMux.Generators;

/// <summary>
/// Generates a TorchSharp module for every class marked <c>[Multiplexed]</c>:
/// parse (symbols -> equatable <see cref="ParseResult"/>) -> report diagnostics / emit source.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class MultiplexedModelGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Multiplexed,
                predicate: static (node, _) => IsClass(node),
                transform: static (syntaxContext, cancellationToken) => ModelParser.Parse(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        // Diagnostics go on their own: they carry locations, which change on every edit above the class, while the
        // model does not, so the emitted source stays cached when only positions move.
        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        var models = parsed
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.Models);

        context.RegisterSourceOutput(diagnostics, static (output, items) =>
        {
            foreach (var item in items)
            {
                output.ReportDiagnostic(item.ToDiagnostic());
            }
        });

        // A backbone or task attribute without [Multiplexed]: one pipeline per attribute, reported on the attribute.
        foreach (var attribute in AttributeNames.Backbones.Concat(new[]
                 {
                     AttributeNames.SequenceClassification, AttributeNames.TokenClassification, AttributeNames.ImageClassification,
                 }))
        {
            var orphans = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    attribute,
                    predicate: static (node, _) => IsClass(node),
                    transform: static (syntaxContext, cancellationToken) => AttributeWithoutModel.Check(syntaxContext, cancellationToken))
                .WithTrackingName(TrackingNames.AttributesWithoutModel);
            context.RegisterSourceOutput(orphans, static (output, item) =>
            {
                if (item is not null) output.ReportDiagnostic(item.ToDiagnostic());
            });
        }

        // Emitted per model (cached per model); added together, because hint names must be unique ignoring case and
        // two classes may differ only in case (Model and model).
        var sources = models
            .Select(static (model, _) => new GeneratedSource(ModelEmitter.HintName(model), ModelEmitter.Emit(model)))
            .WithTrackingName(TrackingNames.Sources);

        context.RegisterSourceOutput(sources.Collect(), static (output, items) =>
        {
            foreach (var source in GeneratedSource.WithUniqueNames(items))
            {
                output.AddSource(source.HintName, source.Text);
            }
        });
    }

    /// <summary>
    /// A class or record class: our attributes are for classes, so a struct, record struct or interface carrying one
    /// is the compiler's to reject (CS0592), without a diagnostic of ours on top.
    /// </summary>
    private static bool IsClass(SyntaxNode node) =>
        node is ClassDeclarationSyntax or RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not (int)SyntaxKind.StructKeyword };
}
