using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Navigator.Browser.Launching;

/// <summary>
/// An OS pipe whose child end is inheritable only while a child is being spawned,
/// and whose parent end is close-on-exec so other children never keep it open.
/// </summary>
internal sealed class ChildPipe : IDisposable
{
    private ChildPipe(int childFd, FileStream parentStream)
    {
        ChildFd = childFd;
        ParentStream = parentStream;
    }

    public int ChildFd { get; private set; }

    public FileStream ParentStream { get; }

    /// <summary>A pipe the child reads from and we write to.</summary>
    public static ChildPipe ToChild() => Create(childReads: true);

    /// <summary>A pipe the child writes to and we read from.</summary>
    public static ChildPipe FromChild() => Create(childReads: false);

    private static unsafe ChildPipe Create(bool childReads)
    {
        var fds = stackalloc int[2];
        if (NativeMethods.Pipe2(fds, NativeMethods.OCloexec) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "pipe2 failed");
        }

        var (childFd, parentFd) = childReads ? (fds[0], fds[1]) : (fds[1], fds[0]);
        var handle = new SafeFileHandle(parentFd, ownsHandle: true);
        var stream = new FileStream(handle, childReads ? FileAccess.Write : FileAccess.Read, bufferSize: 0);
        return new ChildPipe(childFd, stream);
    }

    /// <summary>Lets the next spawned child inherit the child end.</summary>
    public void MakeChildEndInheritable()
    {
        if (NativeMethods.Fcntl(ChildFd, NativeMethods.FSetfd, 0) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "fcntl(F_SETFD) failed");
        }
    }

    /// <summary>Closes our copy of the child end once the child owns it.</summary>
    public void CloseChildEnd()
    {
        if (ChildFd >= 0)
        {
            _ = NativeMethods.Close(ChildFd);
            ChildFd = -1;
        }
    }

    public void Dispose()
    {
        CloseChildEnd();
        ParentStream.Dispose();
    }
}
