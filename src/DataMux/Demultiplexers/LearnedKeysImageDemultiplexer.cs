using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Demultiplexers;

/// <summary>
/// MUX-PLMs' learned-keys demux for image models (Demux.LearnedKeys there): input i's representation is
/// <see cref="LearnedKeysBlock"/> applied to its key kᵢ and the backbone's state of the group, as
/// <see cref="LearnedKeysDemultiplexer"/> does with a sentence model's CLS state. <c>[G, d]</c> -> <c>[G·N, d]</c> (row
/// g·N+i is input i of group g). Against <see cref="PerIndexDemultiplexer"/> (N Linears d→d) it has N·d + 3d² + 6d
/// parameters, shared by the indices but for the keys, and a second layer.
/// </summary>
public sealed class LearnedKeysImageDemultiplexer : nn.Module<Tensor, Tensor>
{
    // The names are the text demux's, so the two read alike in a state dict.
    private readonly Parameter keys;
    private readonly Linear project;
    private readonly LayerNorm norm;
    private readonly Linear output;
    private readonly LayerNorm output_norm;

    /// <summary>Creates the demux for <paramref name="n"/> inputs of width <paramref name="hidden"/>; the keys start at N(0, 1).</summary>
    public LearnedKeysImageDemultiplexer(int n, int hidden) : base(nameof(LearnedKeysImageDemultiplexer))
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "Expected N >= 1 inputs per group.");
        if (hidden < 1) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "Expected Hidden >= 1.");
        N = n;
        Hidden = hidden;
        keys = new Parameter(torch.randn(n, hidden));
        project = Linear(2 * hidden, hidden);
        norm = LayerNorm(hidden);
        output = Linear(hidden, hidden);
        output_norm = LayerNorm(hidden);
        RegisterComponents();
        this.DetachFromDisposeScopes();
    }

    /// <summary>Inputs per group.</summary>
    public int N { get; }

    /// <summary>Representation width d.</summary>
    public int Hidden { get; }

    /// <summary>The keys kᵢ, <c>[N, d]</c>.</summary>
    public Parameter Keys => keys;

    /// <inheritdoc/>
    public override Tensor forward(Tensor hidden)
    {
        DemultiplexerShapes.GroupStates(hidden, Hidden, GetName());

        using var scope = torch.NewDisposeScope();
        var groups = hidden.shape[0];
        var summed = LearnedKeysBlock.KeyPart(keys, project, Hidden).unsqueeze(0)
            .add(LearnedKeysBlock.StatePart(hidden, project, Hidden).unsqueeze(1), HeldScalars.One); // [G, N, d]
        return scope.MoveToOuter(LearnedKeysBlock.Apply(summed, norm, output, output_norm).reshape(groups * N, Hidden));
    }
}
