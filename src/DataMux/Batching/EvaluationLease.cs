using System.Linq;
using System.Runtime.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Batching;

/// <summary>
/// Evaluation mode for as long as any prediction on a model runs. Each call saving the flags, switching to evaluation
/// and restoring its own saved flags let one call restore training mode under another's forward pass (its dropout on)
/// and leave the model in evaluation mode for good (the second call had saved the first's evaluation flags): a new
/// generated model is training, and a server calls <see cref="BatchedInference.Predict"/> from several threads.
/// </summary>
internal sealed class EvaluationLease
{
    private static readonly ConditionalWeakTable<nn.Module, EvaluationLease> Leases = new();

    private readonly object gate = new();
    private int users;
    private (nn.Module Module, bool Training)[]? flags;

    private EvaluationLease()
    {
    }

    /// <summary>
    /// The first of concurrent callers saves every module's own flag, parents first (restoring only the model's would
    /// set every submodule to it), and switches the model to evaluation mode; later ones find it so.
    /// </summary>
    public static EvaluationLease Enter(nn.Module model)
    {
        var lease = Leases.GetValue(model, static _ => new EvaluationLease());
        lock (lease.gate)
        {
            if (lease.users++ == 0)
            {
                lease.flags = model.modules().Prepend(model).Select(module => (module, module.training)).ToArray();
                model.eval();
            }
        }

        return lease;
    }

    /// <summary>The last caller to leave restores the saved flags.</summary>
    public void Exit()
    {
        lock (gate)
        {
            if (--users > 0) return;
            foreach (var (module, training) in flags!) module.train(training);
            flags = null;
        }
    }
}
