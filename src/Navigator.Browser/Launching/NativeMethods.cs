using System.Runtime.InteropServices;

namespace Navigator.Browser.Launching;

internal static partial class NativeMethods
{
    public const int FSetfd = 2;
    public const int SigKill = 9;

    public const int AfUnix = 1;
    public const int SockStream = 1;
    public const int SockCloexec = 0x80000;

    [LibraryImport("libc", EntryPoint = "socketpair", SetLastError = true)]
    public static unsafe partial int SocketPair(int domain, int type, int protocol, int* fds);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
