using System.Linq;
using System.Threading;
using DataMux.Generators.Diagnostics;
using DataMux.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DataMux.Generators.Parsing;

/// <summary>
/// A backbone or task attribute on a class that has no [Multiplexed] on any of its parts: nothing is generated for it,
/// and without a word here the only errors would be at the places that use the model ("no forward", "no constructor").
/// </summary>
internal static class AttributeWithoutModel
{
    public static DiagnosticInfo? Check(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration ||
            type.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == AttributeNames.Multiplexed))
        {
            return null;
        }

        var attribute = context.Attributes[0];
        var location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? declaration.Identifier.GetLocation();
        var name = attribute.AttributeClass is { } attributeClass ? AttributeNames.ShortName(attributeClass.ToDisplayString()) : "?";
        return DiagnosticInfo.Create(DiagnosticDescriptors.AttributeWithoutModel, LocationInfo.From(location), type.Name, name);
    }
}
