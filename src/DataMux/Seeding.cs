using System;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux;

/// <summary>
/// Makes model construction deterministic for a seed without disturbing the caller's random state: generated
/// constructors build their modules inside <c>using (Seeding.Scope(Seed)) { ... }</c>.
/// </summary>
public static class Seeding
{
    /// <summary>
    /// Saves the global (CPU) torch random state, seeds it with <paramref name="seed"/>, and restores the saved
    /// state when the returned object is disposed. Weight initialisation runs on the CPU generator, which is why
    /// only that state is saved; CUDA generators are left untouched. The global generator is process-wide: do not
    /// construct models on several threads at once while relying on this determinism.
    /// </summary>
    /// <param name="seed">The seed the global generator gets for the scope's lifetime.</param>
    public static IDisposable Scope(int seed)
    {
        var saved = torch.random.get_rng_state();
        // The saved state must outlive any dispose scope the caller happens to be in.
        saved.DetachFromDisposeScope();
        torch.random.manual_seed(seed);
        return new RestoreState(saved);
    }

    private sealed class RestoreState(Tensor saved) : IDisposable
    {
        private Tensor? state = saved;

        public void Dispose()
        {
            if (state is null) return;
            torch.random.set_rng_state(state);
            state.Dispose();
            state = null;
        }
    }
}
