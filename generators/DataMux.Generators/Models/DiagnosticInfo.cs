using System.Linq;
using Microsoft.CodeAnalysis;

namespace DataMux.Generators.Models;

/// <summary>
/// A diagnostic waiting to be reported: descriptor, location and message arguments already turned into strings,
/// so it can travel through the cached pipeline without holding symbols or syntax.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments) =>
        new(descriptor, location, arguments.Select(static a => System.Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(), Arguments.ToArray<object?>());
}
