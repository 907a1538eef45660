using System;
using DataMux.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Backbones;

/// <summary>
/// A user's <c>Module&lt;Tensor, Tensor&gt;</c> as a model's backbone (<see cref="BackboneAttribute"/>): the same call as
/// <see cref="TransformerEncoder"/>, <c>[G, S, d]</c> plus a padding mask -> <c>[G, S, d]</c>, with the module's output
/// checked. The module takes no mask, so the mask is not passed on (see <see cref="BackboneAttribute"/> for why that is
/// safe); it is still validated, so that a caller's mistake is not hidden by a backbone that ignores it.
/// </summary>
public sealed class ModuleBackbone : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> module;

    /// <summary>Wraps <paramref name="module"/>, which maps <c>[G, S, <paramref name="hidden"/>]</c> to the same shape.</summary>
    public ModuleBackbone(nn.Module<Tensor, Tensor> module, int hidden)
        : base(nameof(ModuleBackbone))
    {
        ArgumentNullException.ThrowIfNull(module);
        if (hidden < 1) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "Expected a width Hidden >= 1.");
        this.module = module;
        Hidden = hidden;
        RegisterComponents();
    }

    /// <summary>Representation width d.</summary>
    public int Hidden { get; }

    /// <summary>The user's module.</summary>
    public nn.Module<Tensor, Tensor> Module => module;

    /// <summary>
    /// Runs the module on <paramref name="x"/> <c>[G, S, d]</c> and checks that it returned <c>[G, S, d]</c>.
    /// <paramref name="paddingMask"/> (null or <c>[G, S]</c> bool) is checked but not passed on: the module takes none.
    /// </summary>
    public override Tensor forward(Tensor x, Tensor? paddingMask)
    {
        ArgumentNullException.ThrowIfNull(x);
        var name = module.GetType().FullName ?? module.GetName();
        if (x.dim() != 3 || x.size(2) != Hidden)
        {
            throw new ArgumentException(
                $"The backbone {name} expects input of shape [G, S, {Hidden}], but got shape {TokenChecks.Format(x.shape)}.", nameof(x));
        }

        if (paddingMask is not null &&
            (paddingMask.dtype != ScalarType.Bool || paddingMask.dim() != 2 || paddingMask.size(0) != x.size(0) || paddingMask.size(1) != x.size(1)))
        {
            throw new ArgumentException(
                $"The backbone {name} expects a bool padding mask of shape [{x.shape[0]}, {x.shape[1]}], " +
                $"but got {paddingMask.dtype} of shape {TokenChecks.Format(paddingMask.shape)}.", nameof(paddingMask));
        }

        var result = module.forward(x) ?? throw new InvalidOperationException($"The backbone {name} returned null; expected a tensor of shape {TokenChecks.Format(x.shape)}.");
        if (!result.shape.AsSpan().SequenceEqual(x.shape) || result.dtype != x.dtype)
        {
            var got = $"{result.dtype} of shape {TokenChecks.Format(result.shape)}";
            result.Dispose();
            throw new InvalidOperationException(
                $"The backbone {name} must return [G, S, Hidden] = {TokenChecks.Format(x.shape)} of {x.dtype}, as it was given, but returned {got}.");
        }

        return result;
    }
}
