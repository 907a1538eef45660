using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DataMux.Generators.Parsing;

/// <summary>
/// Reads our attributes' values from <see cref="AttributeData"/>: whether an attribute is ours and well-formed, and its
/// named arguments as ints, doubles and enum member names, with the attribute's default where one is not given.
/// </summary>
internal static class AttributeValues
{
    /// <summary>The assembly that defines the attributes (src/DataMux).</summary>
    private const string RuntimeAssembly = "DataMux";

    /// <summary>
    /// Whether <paramref name="attribute"/> is present but not ours to read: the compiler reports each of these cases
    /// itself, and a diagnostic of ours on top would only repeat it, or be computed from defaults.
    /// </summary>
    public static bool HasErrors(AttributeData? attribute, CancellationToken cancellationToken) =>
        attribute is not null && (attribute.AttributeConstructor is null
            // An attribute of the same name defined elsewhere (the compiler warns CS0436 and takes it): not ours to read.
            || attribute.AttributeClass?.ContainingAssembly?.Name != RuntimeAssembly
            || attribute.ConstructorArguments.Any(static a => a.Kind == TypedConstantKind.Error)
            || attribute.NamedArguments.Any(static a => a.Value.Kind == TypedConstantKind.Error)
            // A named argument that binds to no property (a typo: Hiden = 16) is left out of NamedArguments.
            || (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } list }
                && list.Arguments.Count != attribute.ConstructorArguments.Length + attribute.NamedArguments.Length));

    private static bool TryGet(AttributeData? attribute, string name, out TypedConstant value)
    {
        foreach (var argument in attribute?.NamedArguments ?? default)
        {
            if (argument.Key == name && argument.Value.Value is not null)
            {
                value = argument.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static int Int(AttributeData? attribute, string name, int fallback) =>
        TryGet(attribute, name, out var value) && value.Value is int number ? number : fallback;

    public static bool Bool(AttributeData? attribute, string name, bool fallback) =>
        TryGet(attribute, name, out var value) && value.Value is bool flag ? flag : fallback;

    public static double Double(AttributeData? attribute, string name, double fallback) =>
        TryGet(attribute, name, out var value) && value.Value is double number ? number : fallback;

    /// <summary>The enum member's name; a value with no member (<c>(Mux)42</c>) comes back as its number for the validator to reject.</summary>
    public static string EnumMember(AttributeData? attribute, string name, string fallback)
    {
        if (!TryGet(attribute, name, out var value))
        {
            return fallback;
        }

        var member = value.Type?.GetMembers()
            .OfType<IFieldSymbol>()
            .FirstOrDefault(field => field.HasConstantValue && Equals(field.ConstantValue, value.Value));
        return member?.Name ?? Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? string.Empty;
    }
}
