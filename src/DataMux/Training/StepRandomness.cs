using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Training;

/// <summary>
/// Seeds for one training run's random draws, each a function of the run's seed, what it is for and a counter (the
/// epoch or the step). A run resumed from a checkpoint after step s therefore draws at step s + 1 what the uninterrupted
/// run drew there, with no generator state to save.
/// </summary>
internal static class StepRandomness
{
    private const ulong Order = 1, Dropout = 2, Retrieval = 3, Curriculum = 4, Masking = 5;

    /// <summary>The generator of epoch <paramref name="epoch"/>'s row order.</summary>
    public static Generator ForOrder(int seed, int epoch) => new(Mix(seed, Order, epoch), torch.CPU);

    /// <summary>The generator of step <paramref name="step"/>'s retrieval targets.</summary>
    public static Generator ForRetrieval(int seed, int step) => new(Mix(seed, Retrieval, step), torch.CPU);

    /// <summary>The generator of step <paramref name="step"/>'s live slots under <see cref="InputCurriculum"/>.</summary>
    public static Generator ForCurriculum(int seed, int step) => new(Mix(seed, Curriculum, step), torch.CPU);

    /// <summary>The generator of step <paramref name="step"/>'s masked positions under <see cref="MaskedRetrieval"/>.</summary>
    public static Generator ForMasking(int seed, int step) => new(Mix(seed, Masking, step), torch.CPU);

    /// <summary>Seeds the global generators, which dropout draws from, for step <paramref name="step"/>.</summary>
    public static void SeedDropout(int seed, int step, bool cuda)
    {
        var value = Mix(seed, Dropout, step);
        torch.random.manual_seed(unchecked((long)value));
        if (cuda) torch.cuda.manual_seed_all(unchecked((long)value));
    }

    /// <summary>SplitMix64's finaliser over the three values: close inputs give unrelated seeds.</summary>
    internal static ulong Mix(int seed, ulong purpose, int counter)
    {
        var z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ purpose << 56 ^ (ulong)(uint)counter * 0xD1B54A32D192ED03UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (z ^ (z >> 31)) & 0x7FFF_FFFF_FFFF_FFFFUL;
    }
}
