import { BlockList, isIP } from 'node:net';

// AUTH_PROXY_ADDRESSES: the addresses (and CIDR ranges) a proxy's user header is trusted from.
// A peer on an IPv4 address may show as IPv4-mapped IPv6 (::ffff:10.0.0.5) on a dual-stack
// socket; it is matched as the IPv4 address it is.

/** A predicate: is a socket's peer address one of `items` (validated by lib/env.ts)? */
export const addressMatcher = (items: readonly string[]): ((address: string | undefined) => boolean) => {
  const list = new BlockList();
  for (const item of items) {
    const [address, bits] = item.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return (address) => {
    if (!address) return false;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    const plain = mapped ? mapped[1] : address;
    const type = isIP(plain);
    return type !== 0 && list.check(plain, type === 6 ? 'ipv6' : 'ipv4');
  };
};

/** Whether HOST only listens on this machine. */
export const isLoopbackHost = (host: string): boolean =>
  host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host) || /^::ffff:127\./i.test(host);
