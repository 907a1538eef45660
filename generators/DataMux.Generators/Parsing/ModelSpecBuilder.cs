using System;
using System.Collections.Generic;
using System.Linq;
using DataMux.Generators.Diagnostics;
using DataMux.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DataMux.Generators.Parsing;

/// <summary>
/// Turns a class and its attributes, once the parser has found them, into the equatable <see cref="ModelSpec"/>: where the
/// class sits (namespace, containing types, accessibility) and every attribute value, a value not written taking the
/// attribute's default. A Mux or Demux value that names no member is reported here (DMX0014), where it is read.
/// </summary>
internal static class ModelSpecBuilder
{
    private const string Multiplexed = "Multiplexed";

    public static ModelSpec Build(
        INamedTypeSymbol type, TypeDeclarationSyntax declaration, ModelTask task,
        AttributeData multiplexed, AttributeData backbone, BackboneType? userBackbone, AttributeData taskAttribute,
        ArgumentLocations locations, List<DiagnosticInfo> diagnostics) => new(
        Namespace: type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString(),
        ContainingTypes: ContainingTypes(type),
        Accessibility: string.Join(" ", declaration.Modifiers.Where(IsAccessibility).Select(static m => m.Text)),
        ClassName: type.Name,
        N: AttributeValues.Int(multiplexed, "N", AttributeDefaults.N),
        Mux: Kind<MuxKind>(multiplexed, "Mux", AttributeDefaults.Mux, locations, diagnostics),
        Demux: Kind<DemuxKind>(multiplexed, "Demux", AttributeDefaults.Demux, locations, diagnostics),
        Seed: AttributeValues.Int(multiplexed, "Seed", AttributeDefaults.Seed),
        // A user's backbone has no layers, heads or feed-forward of ours: 0, as ModelConfiguration records them.
        Layers: userBackbone is null ? AttributeValues.Int(backbone, "Layers", AttributeDefaults.Layers) : 0,
        Hidden: AttributeValues.Int(backbone, "Hidden", AttributeDefaults.Hidden),
        Heads: userBackbone is null ? AttributeValues.Int(backbone, "Heads", AttributeDefaults.Heads) : 0,
        FeedForward: userBackbone is null ? AttributeValues.Int(backbone, "FeedForward", AttributeDefaults.FeedForward) : 0,
        MaxLength: AttributeValues.Int(backbone, "MaxLength", AttributeDefaults.MaxLength),
        Vocabulary: AttributeValues.Int(backbone, "Vocabulary", AttributeDefaults.Vocabulary),
        PaddingToken: AttributeValues.Int(backbone, "PaddingToken", AttributeDefaults.PaddingToken),
        Dropout: AttributeValues.Double(backbone, "Dropout", AttributeDefaults.Dropout),
        Task: task,
        Outputs: task == ModelTask.SequenceClassification
            ? AttributeValues.Int(taskAttribute, "Classes", AttributeDefaults.Classes)
            : AttributeValues.Int(taskAttribute, "Labels", AttributeDefaults.Labels),
        MuxNorm: AttributeValues.Double(multiplexed, "MuxNorm", AttributeDefaults.MuxNorm),
        LearnMux: AttributeValues.Bool(multiplexed, "LearnMux", AttributeDefaults.LearnMux),
        Reembed: AttributeValues.Bool(multiplexed, "Reembed", AttributeDefaults.Reembed),
        InputShortcut: AttributeValues.Bool(multiplexed, "InputShortcut", AttributeDefaults.InputShortcut),
        UserBackbone: userBackbone,
        ContextWindow: AttributeValues.Int(multiplexed, "ContextWindow", AttributeDefaults.ContextWindow));

    /// <summary>
    /// The spec of an image model ([Mlp] or [Cnn] with [ImageClassification]). The Transformer's sizes keep their
    /// defaults, unused; a Demux not written is Mlp (IndexEmbedding needs tokens), a [Cnn]'s Mux not written Convolution.
    /// </summary>
    public static ModelSpec BuildImage(
        INamedTypeSymbol type, TypeDeclarationSyntax declaration, BackboneKind backbone,
        AttributeData multiplexed, AttributeData backboneAttribute, AttributeData task,
        ArgumentLocations locations, List<DiagnosticInfo> diagnostics)
    {
        var mlp = backbone == BackboneKind.Mlp;
        return new(
            Namespace: type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString(),
            ContainingTypes: ContainingTypes(type),
            Accessibility: string.Join(" ", declaration.Modifiers.Where(IsAccessibility).Select(static m => m.Text)),
            ClassName: type.Name,
            N: AttributeValues.Int(multiplexed, "N", AttributeDefaults.N),
            Mux: Kind<MuxKind>(multiplexed, "Mux", mlp ? AttributeDefaults.Mux : AttributeDefaults.CnnMux, locations, diagnostics),
            Demux: Kind<DemuxKind>(multiplexed, "Demux", AttributeDefaults.ImageDemux, locations, diagnostics),
            Seed: AttributeValues.Int(multiplexed, "Seed", AttributeDefaults.Seed),
            Layers: AttributeValues.Int(backboneAttribute, "Layers", mlp ? AttributeDefaults.MlpLayers : AttributeDefaults.CnnLayers),
            Hidden: AttributeValues.Int(backboneAttribute, "Hidden", mlp ? AttributeDefaults.MlpHidden : AttributeDefaults.CnnHidden),
            Heads: 0,
            FeedForward: 0,
            MaxLength: 0,
            Vocabulary: 0,
            PaddingToken: 0,
            Dropout: mlp ? AttributeValues.Double(backboneAttribute, "Dropout", AttributeDefaults.MlpDropout) : 0,
            Task: ModelTask.ImageClassification,
            Outputs: AttributeValues.Int(task, "Classes", AttributeDefaults.Classes),
            MuxNorm: AttributeValues.Double(multiplexed, "MuxNorm", AttributeDefaults.MuxNorm),
            LearnMux: AttributeValues.Bool(multiplexed, "LearnMux", AttributeDefaults.LearnMux),
            Reembed: AttributeValues.Bool(multiplexed, "Reembed", AttributeDefaults.Reembed),
            InputShortcut: AttributeValues.Bool(multiplexed, "InputShortcut", AttributeDefaults.InputShortcut),
            Backbone: backbone,
            Inputs: mlp ? AttributeValues.Int(backboneAttribute, "Inputs", AttributeDefaults.MlpInputs) : 0,
            Channels: mlp ? 0 : AttributeValues.Int(backboneAttribute, "Channels", AttributeDefaults.CnnChannels),
            Height: mlp ? 0 : AttributeValues.Int(backboneAttribute, "Height", AttributeDefaults.CnnHeight),
            Width: mlp ? 0 : AttributeValues.Int(backboneAttribute, "Width", AttributeDefaults.CnnWidth),
            Filters: mlp ? 0 : AttributeValues.Int(backboneAttribute, "Filters", AttributeDefaults.CnnFilters));
    }

    /// <summary>
    /// The member an enum argument names; a value with none (<c>(Mux)42</c>) is DMX0014 on the argument, and the default
    /// stands in for it so that the other values are still checked (no source is generated with a diagnostic).
    /// </summary>
    private static TKind Kind<TKind>(AttributeData attribute, string name, string fallback, ArgumentLocations locations, List<DiagnosticInfo> diagnostics)
        where TKind : struct, Enum
    {
        var member = AttributeValues.EnumMember(attribute, name, fallback);
        if (Enum.TryParse<TKind>(member, out var kind) && Enum.IsDefined(typeof(TKind), kind) && !char.IsDigit(member[0]) && member[0] != '-')
        {
            return kind;
        }

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownOption, locations.Of(Multiplexed, name), name, member, string.Join(", ", Enum.GetNames(typeof(TKind)))));
        return (TKind)Enum.Parse(typeof(TKind), fallback);
    }

    private static EquatableArray<ContainingType> ContainingTypes(INamedTypeSymbol type)
    {
        var types = new List<ContainingType>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            var keyword = outer switch
            {
                { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
                { IsRecord: true } => "record",
                { TypeKind: TypeKind.Struct } => "struct",
                { TypeKind: TypeKind.Interface } => "interface",
                _ => "class",
            };
            types.Insert(0, new ContainingType(keyword, outer.Name));
        }

        return types.ToEquatableArray();
    }

    private static bool IsAccessibility(SyntaxToken modifier) =>
        modifier.IsKind(SyntaxKind.PublicKeyword) || modifier.IsKind(SyntaxKind.InternalKeyword)
        || modifier.IsKind(SyntaxKind.ProtectedKeyword) || modifier.IsKind(SyntaxKind.PrivateKeyword);
}
