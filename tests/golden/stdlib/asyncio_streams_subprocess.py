# asyncio over _socket/select/_posixsubprocess: TCP streams on the loopback, a socketpair
# with sock_sendall/sock_recv, and a subprocess with pipes.
import asyncio
import socket


async def handle(reader, writer):
    while line := await reader.readline():
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def tcp_echo():
    srv = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for word in (b"alpha\n", b"beta\n"):
        writer.write(word)
        await writer.drain()
        print(await reader.readline())
    writer.close()
    await writer.wait_closed()
    srv.close()
    await srv.wait_closed()


async def socketpair_io():
    loop = asyncio.get_running_loop()
    a, b = socket.socketpair()
    a.setblocking(False)
    b.setblocking(False)
    await loop.sock_sendall(a, b"over a socketpair")
    print(await loop.sock_recv(b, 100))
    a.close()
    b.close()


async def child():
    p = await asyncio.create_subprocess_exec(
        "sh", "-c", "read x; echo child got $x; exit 5",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
    out, _ = await p.communicate(b"input\n")
    print(out, p.returncode)
    p = await asyncio.create_subprocess_shell("echo shell", stdout=asyncio.subprocess.PIPE)
    print(await p.stdout.read(), await p.wait())


async def main():
    await tcp_echo()
    await socketpair_io()
    await child()
    await asyncio.wait_for(asyncio.sleep(0.01), timeout=5)
    print("done")


asyncio.run(main())
