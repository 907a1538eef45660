using Xunit;

namespace DataMux.Native.Tests;

/// <summary>
/// A fact about the patched library, which only exists where the system's libstdc++ lacks GLIBCXX_3.4.32: elsewhere
/// the test shows as skipped (with the reason), never as a pass that tested nothing.
/// </summary>
public sealed class PatchedSystemFactAttribute : FactAttribute
{
    public PatchedSystemFactAttribute()
    {
        if (Shell.SystemLibStdCxxIsNewEnough())
        {
            Skip = "this system's libstdc++ has GLIBCXX_3.4.32, so nothing is patched";
        }
    }
}
