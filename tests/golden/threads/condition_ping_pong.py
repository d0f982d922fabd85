# Condition variables force strict alternation between two threads; output order is deterministic.
import threading
cond = threading.Condition()
turn = "ping"
log = []
def player(me, other, rounds):
    global turn
    for i in range(rounds):
        with cond:
            cond.wait_for(lambda: turn == me)
            log.append(f"{me} {i}")
            turn = other
            cond.notify_all()
a = threading.Thread(target=player, args=("ping", "pong", 5))
b = threading.Thread(target=player, args=("pong", "ping", 5))
a.start(); b.start(); a.join(); b.join()
print(log)
c2 = threading.Condition()
with c2:
    print(c2.wait(timeout=0.01))
try:
    c2.notify()
except RuntimeError as e:
    print(e)
