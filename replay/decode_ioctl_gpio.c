/* ioctl's GPIO character device commands (0xb4), as strace 6.1 prints
 * them: chip and line infos, the v1 line handle and event requests and
 * their values, the v2 line requests, configurations and values. Every
 * struct is one of the command's _IOC size, captured whole; requests the
 * kernel fills in (the descriptor it made, a line's info) show " => " and
 * what it wrote when the call succeeded. */
#include "decode_ioctl.h"

#include <linux/gpio.h>
#include <string.h>

/* " => " and what the kernel wrote back, when the call succeeded (JSON:
 * the struct as given only) */
static bool written_back(struct rp_ctx *c, void *out, size_t size)
{
	if (c->e->json || !rp_arg_written(c, 2, out, size))
		return false;
	rp_e_changed(c->e);
	return true;
}

/* [a, b, ...]: the first n u32s, cut by -s as strace's print_array */
static void print_u32s(struct rp_ctx *c, const uint32_t *v, size_t n)
{
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < n && !rp_array_cut(c, k); k++)
		rp_e_uint(c->e, v[k]);
	rp_e_close(c->e, ']');
}

static void print_fd_struct(struct rp_ctx *c, int32_t fd)
{
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "fd");
	rp_arg_fd(c, fd);
	rp_e_close(c->e, '}');
}

static void print_chipinfo(struct rp_ctx *c)
{
	struct gpiochip_info info;
	if (!rp_arg_copy(c, 2, true, &info, sizeof(info)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "name");
	rp_print_cstring_field(c, info.name, sizeof(info.name));
	rp_e_key(c->e, "label");
	rp_print_cstring_field(c, info.label, sizeof(info.label));
	rp_e_key(c->e, "lines");
	rp_e_uint(c->e, info.lines);
	rp_e_close(c->e, '}');
}

static void print_lineinfo(struct rp_ctx *c)
{
	struct gpioline_info info;
	if (!rp_arg_copy(c, 2, false, &info, sizeof(info)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "line_offset");
	rp_e_uint(c->e, info.line_offset);
	rp_e_close(c->e, '}');
	if (!written_back(c, &info, sizeof(info)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "flags");
	rp_e_flags(c->e, &rp_x_gpio_line_flags, info.flags);
	rp_e_key(c->e, "name");
	rp_print_cstring_field(c, info.name, sizeof(info.name));
	rp_e_key(c->e, "consumer");
	rp_print_cstring_field(c, info.consumer, sizeof(info.consumer));
	rp_e_close(c->e, '}');
}

static void print_handle_request(struct rp_ctx *c)
{
	struct gpiohandle_request hr;
	if (!rp_arg_copy(c, 2, false, &hr, sizeof(hr)))
		return;
	const size_t n = hr.lines < GPIOHANDLES_MAX ? hr.lines : GPIOHANDLES_MAX;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "lines");
	rp_e_uint(c->e, hr.lines);
	rp_e_key(c->e, "lineoffsets");
	print_u32s(c, hr.lineoffsets, n);
	rp_e_key(c->e, "flags");
	rp_e_flags(c->e, &rp_x_gpio_handle_flags, hr.flags);
	rp_e_key(c->e, "default_values");
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < n && !rp_array_cut(c, k); k++)
		rp_e_uint(c->e, hr.default_values[k]);
	rp_e_close(c->e, ']');
	rp_e_key(c->e, "consumer_label");
	rp_print_cstring_field(c, hr.consumer_label, sizeof(hr.consumer_label));
	rp_e_close(c->e, '}');
	if (written_back(c, &hr, sizeof(hr)))
		print_fd_struct(c, hr.fd);
}

static void print_event_request(struct rp_ctx *c)
{
	struct gpioevent_request er;
	if (!rp_arg_copy(c, 2, false, &er, sizeof(er)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "lineoffset");
	rp_e_uint(c->e, er.lineoffset);
	rp_e_key(c->e, "handleflags");
	rp_e_flags(c->e, &rp_x_gpio_handle_flags, er.handleflags);
	rp_e_key(c->e, "eventflags");
	rp_e_flags(c->e, &rp_x_gpio_event_flags, er.eventflags);
	rp_e_key(c->e, "consumer_label");
	rp_print_cstring_field(c, er.consumer_label, sizeof(er.consumer_label));
	rp_e_close(c->e, '}');
	if (written_back(c, &er, sizeof(er)))
		print_fd_struct(c, er.fd);
}

static void print_handle_data(struct rp_ctx *c, bool at_exit)
{
	struct gpiohandle_data d;
	if (!rp_arg_copy(c, 2, at_exit, &d, sizeof(d)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "values");
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < GPIOHANDLES_MAX && !rp_array_cut(c, k); k++)
		rp_e_uint(c->e, d.values[k]);
	rp_e_close(c->e, ']');
	rp_e_close(c->e, '}');
}

static void print_handle_config(struct rp_ctx *c)
{
	struct gpiohandle_config hc;
	if (!rp_arg_copy(c, 2, false, &hc, sizeof(hc)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "flags");
	rp_e_flags(c->e, &rp_x_gpio_handle_flags, hc.flags);
	rp_e_key(c->e, "default_values");
	rp_e_open(c->e, '[');
	for (size_t k = 0; k < GPIOHANDLES_MAX && !rp_array_cut(c, k); k++)
		rp_e_uint(c->e, hc.default_values[k]);
	rp_e_close(c->e, ']');
	rp_e_close(c->e, '}');
}

/* A v2 attribute's fields raw: its id, a nonzero padding, its value. */
static void print_attr_raw(struct rp_ctx *c, const struct gpio_v2_line_attribute *a)
{
	rp_e_key(c->e, "id");
	rp_e_uint(c->e, a->id);
	if (a->padding) {
		rp_e_key(c->e, "padding");
		rp_e_hex(c->e, a->padding);
	}
	rp_e_key(c->e, "data");
	rp_e_hex(c->e, a->values);
}

/* A v2 attribute by its id; raw (as "attr={...}" inside a configuration
 * attribute) when the id is unknown or the padding used. */
static void print_attr(struct rp_ctx *c, const struct gpio_v2_line_attribute *a, bool as_field)
{
	const bool known = a->id == GPIO_V2_LINE_ATTR_ID_FLAGS ||
			   a->id == GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES ||
			   a->id == GPIO_V2_LINE_ATTR_ID_DEBOUNCE;
	if (a->padding || !known) {
		if (as_field) {
			rp_e_key(c->e, "attr");
			rp_e_open(c->e, '{');
		}
		print_attr_raw(c, a);
		if (as_field)
			rp_e_close(c->e, '}');
		return;
	}
	switch (a->id) {
	case GPIO_V2_LINE_ATTR_ID_FLAGS:
		rp_e_key(c->e, "flags");
		rp_e_flags(c->e, &rp_x_gpio_v2_line_flags, a->flags);
		break;
	case GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES:
		rp_e_key(c->e, "values");
		rp_e_hex(c->e, a->values);
		break;
	default: /* GPIO_V2_LINE_ATTR_ID_DEBOUNCE */
		rp_e_key(c->e, "debounce_period_us");
		rp_e_uint(c->e, a->debounce_period_us);
		break;
	}
}

static void print_line_config(struct rp_ctx *c, const struct gpio_v2_line_config *lc)
{
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "flags");
	rp_e_flags(c->e, &rp_x_gpio_v2_line_flags, lc->flags);
	rp_e_key(c->e, "num_attrs");
	rp_e_uint(c->e, lc->num_attrs);
	rp_print_nonzero_u32s(c, "padding", lc->padding,
			      sizeof(lc->padding) / sizeof(lc->padding[0]), false);
	if (lc->num_attrs) {
		const size_t n = lc->num_attrs < GPIO_V2_LINE_NUM_ATTRS_MAX
				     ? lc->num_attrs
				     : GPIO_V2_LINE_NUM_ATTRS_MAX;
		rp_e_key(c->e, "attrs");
		rp_e_open(c->e, '[');
		for (size_t k = 0; k < n && !rp_array_cut(c, k); k++) {
			rp_e_open(c->e, '{');
			print_attr(c, &lc->attrs[k].attr, true);
			rp_e_key(c->e, "mask");
			rp_e_hex(c->e, lc->attrs[k].mask);
			rp_e_close(c->e, '}');
		}
		rp_e_close(c->e, ']');
	}
	rp_e_close(c->e, '}');
}

static void print_v2_lineinfo(struct rp_ctx *c)
{
	struct gpio_v2_line_info li;
	if (!rp_arg_copy(c, 2, false, &li, sizeof(li)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "offset");
	rp_e_uint(c->e, li.offset);
	rp_e_close(c->e, '}');
	if (!written_back(c, &li, sizeof(li)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "name");
	rp_print_cstring_field(c, li.name, sizeof(li.name));
	rp_e_key(c->e, "consumer");
	rp_print_cstring_field(c, li.consumer, sizeof(li.consumer));
	rp_e_key(c->e, "flags");
	rp_e_flags(c->e, &rp_x_gpio_v2_line_flags, li.flags);
	rp_e_key(c->e, "num_attrs");
	rp_e_uint(c->e, li.num_attrs);
	if (li.num_attrs) {
		const size_t n = li.num_attrs < GPIO_V2_LINE_NUM_ATTRS_MAX
				     ? li.num_attrs
				     : GPIO_V2_LINE_NUM_ATTRS_MAX;
		rp_e_key(c->e, "attrs");
		rp_e_open(c->e, '[');
		for (size_t k = 0; k < n && !rp_array_cut(c, k); k++) {
			rp_e_open(c->e, '{');
			print_attr(c, &li.attrs[k], false);
			rp_e_close(c->e, '}');
		}
		rp_e_close(c->e, ']');
	}
	rp_print_nonzero_u32s(c, "padding", li.padding, sizeof(li.padding) / sizeof(li.padding[0]),
			      false);
	rp_e_close(c->e, '}');
}

static void print_v2_line_request(struct rp_ctx *c)
{
	struct gpio_v2_line_request lr;
	if (!rp_arg_copy(c, 2, false, &lr, sizeof(lr)))
		return;
	const size_t n = lr.num_lines < GPIO_V2_LINES_MAX ? lr.num_lines : GPIO_V2_LINES_MAX;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "num_lines");
	rp_e_uint(c->e, lr.num_lines);
	rp_e_key(c->e, "offsets");
	print_u32s(c, lr.offsets, n);
	rp_e_key(c->e, "consumer");
	rp_print_cstring_field(c, lr.consumer, sizeof(lr.consumer));
	rp_e_key(c->e, "config");
	print_line_config(c, &lr.config);
	if (lr.event_buffer_size) {
		rp_e_key(c->e, "event_buffer_size");
		rp_e_uint(c->e, lr.event_buffer_size);
	}
	rp_print_nonzero_u32s(c, "padding", lr.padding, sizeof(lr.padding) / sizeof(lr.padding[0]),
			      false);
	rp_e_close(c->e, '}');
	if (written_back(c, &lr, sizeof(lr)))
		print_fd_struct(c, lr.fd);
}

static void print_v2_values(struct rp_ctx *c, bool is_get)
{
	struct gpio_v2_line_values v;
	if (!rp_arg_copy(c, 2, false, &v, sizeof(v)))
		return;
	rp_e_open(c->e, '{');
	if (!is_get) {
		rp_e_key(c->e, "bits");
		rp_e_hex(c->e, v.bits);
	}
	rp_e_key(c->e, "mask");
	rp_e_hex(c->e, v.mask);
	rp_e_close(c->e, '}');
	if (!is_get || !written_back(c, &v, sizeof(v)))
		return;
	rp_e_open(c->e, '{');
	rp_e_key(c->e, "bits");
	rp_e_hex(c->e, v.bits);
	rp_e_close(c->e, '}');
}

bool rp_ioctl_gpio(struct rp_ctx *c, uint32_t cmd)
{
	switch (cmd) {
	case GPIO_GET_CHIPINFO_IOCTL:
		print_chipinfo(c);
		return true;
	case GPIO_GET_LINEINFO_UNWATCH_IOCTL: {
		uint32_t offset;
		if (rp_arg_copy(c, 2, false, &offset, sizeof(offset))) {
			rp_e_open(c->e, '{');
			rp_e_key(c->e, "offset");
			rp_e_uint(c->e, offset);
			rp_e_close(c->e, '}');
		}
		return true;
	}
	case GPIO_GET_LINEINFO_IOCTL:
	case GPIO_GET_LINEINFO_WATCH_IOCTL:
		print_lineinfo(c);
		return true;
	case GPIO_GET_LINEHANDLE_IOCTL:
		print_handle_request(c);
		return true;
	case GPIO_GET_LINEEVENT_IOCTL:
		print_event_request(c);
		return true;
	case GPIOHANDLE_GET_LINE_VALUES_IOCTL:
		print_handle_data(c, true);
		return true;
	case GPIOHANDLE_SET_LINE_VALUES_IOCTL:
		print_handle_data(c, false);
		return true;
	case GPIOHANDLE_SET_CONFIG_IOCTL:
		print_handle_config(c);
		return true;
	case GPIO_V2_GET_LINEINFO_IOCTL:
	case GPIO_V2_GET_LINEINFO_WATCH_IOCTL:
		print_v2_lineinfo(c);
		return true;
	case GPIO_V2_GET_LINE_IOCTL:
		print_v2_line_request(c);
		return true;
	case GPIO_V2_LINE_SET_CONFIG_IOCTL: {
		struct gpio_v2_line_config lc;
		if (rp_arg_copy(c, 2, false, &lc, sizeof(lc)))
			print_line_config(c, &lc);
		return true;
	}
	case GPIO_V2_LINE_GET_VALUES_IOCTL:
	case GPIO_V2_LINE_SET_VALUES_IOCTL:
		print_v2_values(c, cmd == GPIO_V2_LINE_GET_VALUES_IOCTL);
		return true;
	default:
		return false;
	}
}
