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
            if (lease.users == 0)
            {
                // Counted only once evaluation mode is on: a throw here (a disposed module) must not leave a user behind,
                // or every later call would skip the switch and run with dropout on.
                var saved = model.modules().Prepend(model).Select(module => (module, module.training)).ToArray();
                try
                {
                    model.eval();
                }
                catch
                {
                    foreach (var (module, training) in saved) module.train(training);
                    throw;
                }

                lease.flags = saved;
            }

            lease.users++;
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
