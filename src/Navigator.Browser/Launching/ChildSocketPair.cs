using System.ComponentModel;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Navigator.Browser.Launching;

/// <summary>
/// A connected Unix socket pair standing in for Chromium's debugging pipes: the child end
/// becomes both fd 3 and fd 4 (Chromium only reads and writes them), and our end is a real
/// socket, so reads and writes use epoll instead of blocking thread-pool threads.
/// The child end is inheritable only while the child is spawned.
/// </summary>
internal sealed class ChildSocketPair : IDisposable
{
    private ChildSocketPair(int childFd, Socket parentSocket)
    {
        ChildFd = childFd;
        ParentSocket = parentSocket;
    }

    public int ChildFd { get; private set; }

    public Socket ParentSocket { get; }

    public static unsafe ChildSocketPair Create()
    {
        var fds = stackalloc int[2];
        if (NativeMethods.SocketPair(NativeMethods.AfUnix, NativeMethods.SockStream | NativeMethods.SockCloexec, 0, fds) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "socketpair failed");
        }

        var socket = new Socket(new SafeSocketHandle(fds[1], ownsHandle: true));
        return new ChildSocketPair(fds[0], socket);
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
        ParentSocket.Dispose();
    }
}
