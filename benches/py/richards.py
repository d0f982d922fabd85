"""richards: Martin Richards' operating-system task scheduler simulation.

Measures method calls and attribute access on small objects, polymorphic
dispatch (four task kinds), linked lists and bit operations. Size: number of
scheduler runs (each run with an idle-task count of 1000, 2322 queueings, 928 holds).
"""
import sys

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
KIND_DEVICE, KIND_WORK = 0, 1
DATA_SIZE = 4

RUNNING, RUNNABLE, SUSPENDED, SUSPENDED_RUNNABLE, HELD = 0, 1, 2, 3, 4


class Packet:
    def __init__(self, link, dest, kind):
        self.link = link
        self.dest = dest
        self.kind = kind
        self.datum = 0
        self.data = [0] * DATA_SIZE

    def append_to(self, queue):
        """Put self at the end of `queue` (a packet or None); return the queue's head."""
        self.link = None
        if queue is None:
            return self
        tail = queue
        while tail.link is not None:
            tail = tail.link
        tail.link = self
        return queue


class ControlBlock:
    """A task's scheduling state: priority, packet queue, run state."""

    def __init__(self, link, ident, priority, queue, task):
        self.link = link
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.task = task
        self.state = SUSPENDED if queue is None else SUSPENDED_RUNNABLE

    def blocked(self):
        return self.state & HELD != 0 or self.state == SUSPENDED

    def run(self):
        if self.state == SUSPENDED_RUNNABLE:
            packet = self.queue
            self.queue = packet.link
            self.state = RUNNING if self.queue is None else RUNNABLE
        else:
            packet = None
        return self.task.run(packet)

    def enqueue(self, current, packet):
        if self.queue is None:
            self.queue = packet
            self.state |= RUNNABLE
            if self.priority > current.priority:
                return self
        else:
            self.queue = packet.append_to(self.queue)
        return current


class Scheduler:
    def __init__(self):
        self.queue_count = 0
        self.hold_count = 0
        self.blocks = [None] * 6
        self.head = None
        self.current = None
        self.current_id = None

    def add(self, ident, priority, queue, task):
        self.current = ControlBlock(self.head, ident, priority, queue, task)
        self.head = self.current
        self.blocks[ident] = self.current

    def schedule(self):
        self.current = self.head
        while self.current is not None:
            if self.current.blocked():
                self.current = self.current.link
            else:
                self.current_id = self.current.ident
                self.current = self.current.run()

    def release(self, ident):
        block = self.blocks[ident]
        if block is None:
            return block
        block.state &= ~HELD
        if block.priority > self.current.priority:
            return block
        return self.current

    def hold_current(self):
        self.hold_count += 1
        self.current.state |= HELD
        return self.current.link

    def suspend_current(self):
        self.current.state |= SUSPENDED
        return self.current

    def send(self, packet):
        target = self.blocks[packet.dest]
        if target is None:
            return target
        self.queue_count += 1
        packet.link = None
        packet.dest = self.current_id
        return target.enqueue(self.current, packet)


class Task:
    def __init__(self, sched):
        self.sched = sched


class IdleTask(Task):
    def __init__(self, sched, seed, count):
        super().__init__(sched)
        self.seed = seed
        self.count = count

    def run(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.sched.hold_current()
        if self.seed & 1 == 0:
            self.seed >>= 1
            return self.sched.release(DEVICE_A)
        self.seed = (self.seed >> 1) ^ 0xD008
        return self.sched.release(DEVICE_B)


class DeviceTask(Task):
    def __init__(self, sched):
        super().__init__(sched)
        self.pending = None

    def run(self, packet):
        if packet is None:
            if self.pending is None:
                return self.sched.suspend_current()
            packet, self.pending = self.pending, None
            return self.sched.send(packet)
        self.pending = packet
        return self.sched.hold_current()


class WorkerTask(Task):
    def __init__(self, sched):
        super().__init__(sched)
        self.handler = HANDLER_A
        self.letter = 0

    def run(self, packet):
        if packet is None:
            return self.sched.suspend_current()
        self.handler = HANDLER_B if self.handler == HANDLER_A else HANDLER_A
        packet.dest = self.handler
        packet.datum = 0
        data = packet.data
        for i in range(DATA_SIZE):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            data[i] = self.letter
        return self.sched.send(packet)


class HandlerTask(Task):
    def __init__(self, sched):
        super().__init__(sched)
        self.work = None
        self.devices = None

    def run(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work = packet.append_to(self.work)
            else:
                self.devices = packet.append_to(self.devices)
        work = self.work
        if work is not None:
            n = work.datum
            if n < DATA_SIZE:
                dev = self.devices
                if dev is not None:
                    self.devices = dev.link
                    dev.datum = work.data[n]
                    work.datum = n + 1
                    return self.sched.send(dev)
            else:
                self.work = work.link
                return self.sched.send(work)
        return self.sched.suspend_current()


def run_once():
    s = Scheduler()
    s.add(IDLE, 0, None, IdleTask(s, 1, 1000))
    s.current.state = RUNNING
    q = Packet(Packet(None, WORKER, KIND_WORK), WORKER, KIND_WORK)
    s.add(WORKER, 1000, q, WorkerTask(s))
    q = Packet(Packet(Packet(None, DEVICE_A, KIND_DEVICE), DEVICE_A, KIND_DEVICE), DEVICE_A, KIND_DEVICE)
    s.add(HANDLER_A, 2000, q, HandlerTask(s))
    q = Packet(Packet(Packet(None, DEVICE_B, KIND_DEVICE), DEVICE_B, KIND_DEVICE), DEVICE_B, KIND_DEVICE)
    s.add(HANDLER_B, 3000, q, HandlerTask(s))
    s.add(DEVICE_A, 4000, None, DeviceTask(s))
    s.add(DEVICE_B, 5000, None, DeviceTask(s))
    s.schedule()
    return s.queue_count, s.hold_count


def main(runs):
    queued = held = 0
    for _ in range(runs):
        q, h = run_once()
        if (q, h) != (2322, 928):
            print("richards: wrong counts", q, h)
        queued += q
        held += h
    print("richards runs=%d queued=%d held=%d" % (runs, queued, held))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
